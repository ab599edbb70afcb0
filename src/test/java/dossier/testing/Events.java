package dossier.testing;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A CDI event outside the container that keeps what was fired, for tests; optionally with an observer. */
public final class Events<T> implements Event<T> {

    public final List<T> fired = new ArrayList<>();
    private final Consumer<? super T> observer;

    public Events() {
        this(event -> { });
    }

    /** Hands every event fired to this observer, synchronously, as a synchronous CDI observer gets it. */
    public Events(Consumer<? super T> observer) {
        this.observer = observer;
    }

    @Override
    public void fire(T event) {
        fired.add(event);
        observer.accept(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
        fired.add(event);
        return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        return fireAsync(event);
    }

    @Override
    public Event<T> select(Annotation... qualifiers) {
        return this;
    }

    @Override
    public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }
}
