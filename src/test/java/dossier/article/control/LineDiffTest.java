package dossier.article.control;

import dossier.article.control.LineDiff.Kind;
import dossier.article.control.LineDiff.Line;
import dossier.article.control.LineDiff.Result;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineDiffTest {

    @Test
    void anAddedLineWithItsNumbers() {
        Result diff = LineDiff.of("one\ntwo", "one\nnew\ntwo");
        assertEquals(List.of(
                new Line(Kind.SAME, 1, 1, "one"),
                new Line(Kind.ADDED, 0, 2, "new"),
                new Line(Kind.SAME, 2, 3, "two")), diff.lines());
        assertEquals(1, diff.added());
        assertEquals(0, diff.removed());
        assertFalse(diff.isEmpty());
    }

    @Test
    void aRemovedLine() {
        Result diff = LineDiff.of("one\nold\ntwo", "one\ntwo");
        assertEquals(List.of(
                new Line(Kind.SAME, 1, 1, "one"),
                new Line(Kind.REMOVED, 2, 0, "old"),
                new Line(Kind.SAME, 3, 2, "two")), diff.lines());
        assertEquals(0, diff.added());
        assertEquals(1, diff.removed());
    }

    @Test
    void aChangedLineIsRemovedThenAdded() {
        Result diff = LineDiff.of("title\r\nbody", "title\nBody");
        assertEquals(List.of(
                new Line(Kind.SAME, 1, 1, "title"),
                new Line(Kind.REMOVED, 2, 0, "body"),
                new Line(Kind.ADDED, 0, 2, "Body")), diff.lines());
    }

    @Test
    void unchangedStretchesAwayFromAChangeAreFolded() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10";
        String after = before.replace("5", "five");
        List<Line> lines = LineDiff.of(before, after, 1).lines();
        assertEquals(List.of(
                new Line(Kind.SKIPPED, 0, 0, "3 unchanged lines"),
                new Line(Kind.SAME, 4, 4, "4"),
                new Line(Kind.REMOVED, 5, 0, "5"),
                new Line(Kind.ADDED, 0, 5, "five"),
                new Line(Kind.SAME, 6, 6, "6"),
                new Line(Kind.SKIPPED, 0, 0, "4 unchanged lines")), lines);
        assertEquals(1, LineDiff.of("a\nb", "a\nB", 0).lines().stream()
                .filter(l -> l.kind() == Kind.SKIPPED && l.text().equals("1 unchanged line")).count());
    }

    @Test
    void identicalTextsHaveNoChangeAndFoldWhole() {
        Result diff = LineDiff.of("a\nb\nc", "a\nb\nc");
        assertTrue(diff.isEmpty());
        assertEquals(List.of(new Line(Kind.SKIPPED, 0, 0, "3 unchanged lines")), diff.lines());
    }

    @Test
    void emptyAndMissingTexts() {
        assertEquals(List.of(), LineDiff.of("", "").lines());
        assertEquals(List.of(), LineDiff.of(null, null).lines());
        assertTrue(LineDiff.of(null, "").isEmpty());

        Result created = LineDiff.of(null, "first\nsecond");
        assertEquals(List.of(new Line(Kind.ADDED, 0, 1, "first"), new Line(Kind.ADDED, 0, 2, "second")),
                created.lines());
        assertEquals(2, created.added());

        Result emptied = LineDiff.of("only", "");
        assertEquals(List.of(new Line(Kind.REMOVED, 1, 0, "only")), emptied.lines());
        assertEquals(1, emptied.removed());
    }
}
