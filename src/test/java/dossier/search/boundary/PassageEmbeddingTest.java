package dossier.search.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dossier.search.control.ArticleIndex;
import dossier.search.control.IndexedArticle;
import dossier.search.control.PassageVectors;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * Stopping the embedding worker while it is inside the model: the model must not be freed under it. Freeing an
 * ONNX Runtime session that another thread is running crashes the JVM in native code, which is what a stop
 * whose wait was cut short by an interrupt used to do.
 */
class PassageEmbeddingTest {

    @Test
    void aStopInterruptedWhileWaitingStillWaitsForTheWorkerBeforeFreeingTheModel() throws Exception {
        try (PassageVectors vectors = new PassageVectors(new ByteBuffersDirectory(), "bge-small-en-v1.5-q");
             ArticleIndex index = new ArticleIndex(new ByteBuffersDirectory(), vectors)) {
            String words = "Harbour cranes unload containers through the night while the tide turns and ledgers fill. ";
            for (int i = 0; i < 40; i++) {
                index.index(new IndexedArticle("harbour-" + i, "Harbour " + i, List.of(), "", words.repeat(80),
                        List.of(), "Ada", Instant.parse("2024-01-15T10:00:00Z"), true));
            }
            index.refresh();
            PassageEmbedding embedding = new PassageEmbedding(index, 1, () -> { });
            embedding.start(Thread::new);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (embedding.state() == PassageEmbedding.State.LOADING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(PassageEmbedding.State.READY, embedding.state(), "the model loaded");
            Thread.sleep(200); // inside the first batch of passages by now

            Thread.currentThread().interrupt();
            embedding.stop();
            boolean stillInterrupted = Thread.interrupted();

            assertEquals(PassageEmbedding.State.STOPPED, embedding.state(), "the worker had ended when the model was freed");
            assertTrue(stillInterrupted, "the caller's interrupt is kept for it");
            assertTrue(index.passageCounts().total() > 200, "there was work in hand: " + index.passageCounts());
        }
    }
}
