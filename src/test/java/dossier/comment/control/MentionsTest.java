package dossier.comment.control;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MentionsTest {

    @Test
    void namesAreTakenAsAccountsHaveThemOnceEachInOrder() {
        assertEquals(List.of("alice", "bob_2"), List.copyOf(Mentions.in("Thanks @Alice and @bob_2, and @alice again.")));
    }

    @Test
    void addressesCodeAndNamesNoAccountCanHaveAreNoMentions() {
        assertEquals(List.of(), List.copyOf(Mentions.in("Write to me@example.org, use `@Inject` or\n```\n@Override\n```\nand @ab or @"
                + "x".repeat(33) + ".")));
        assertEquals(List.of("carol"), List.copyOf(Mentions.in("```java\n@Deprecated\n```\n(@carol)")));
    }

    @Test
    void atMostTenNamesCountPerComment() {
        String many = IntStream.range(0, 30).mapToObj(i -> "@reader" + i).collect(Collectors.joining(" "));
        assertEquals(IntStream.range(0, Mentions.MAX).mapToObj(i -> "reader" + i).toList(), List.copyOf(Mentions.in(many)));
    }
}
