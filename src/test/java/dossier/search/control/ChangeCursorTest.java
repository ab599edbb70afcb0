package dossier.search.control;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChangeCursorTest {

    @Test
    void linesInOrderMoveTheFloor() {
        ChangeCursor c = new ChangeCursor(0, 10_000);
        assertEquals(List.of(1L, 2L, 3L), c.accept(List.of(1L, 2L, 3L), 0));
        assertEquals(3, c.floor());
        assertEquals(List.of(), c.accept(List.of(), 5));
    }

    @Test
    void aLineCommittedLateIsStillAppliedAndHoldsTheFloorMeanwhile() {
        ChangeCursor c = new ChangeCursor(10, 10_000);
        // 11 was numbered first but its transaction commits after 12's.
        assertEquals(List.of(12L), c.accept(List.of(12L), 0));
        assertEquals(Set.of(11L), c.holes());
        assertEquals(10, c.floor(), "a restart must read 11 again");
        assertEquals(List.of(11L), c.accept(List.of(11L), 500));
        assertEquals(12, c.floor());
        assertEquals(List.of(), c.accept(List.of(11L, 12L), 600), "never applied twice");
    }

    @Test
    void aRolledBackNumberIsGivenUpAfterTheSettlingTime() {
        ChangeCursor c = new ChangeCursor(0, 1_000);
        c.accept(List.of(1L, 3L), 0);
        assertEquals(1, c.floor());
        c.accept(List.of(), 999);
        assertEquals(Set.of(2L), c.holes());
        c.accept(List.of(), 1_001);
        assertEquals(Set.of(), c.holes());
        assertEquals(3, c.floor());
    }
}
