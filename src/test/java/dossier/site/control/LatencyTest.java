package dossier.site.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LatencyTest {

    private final Latency cut = Latency.unregistered("dossier_test", "route", "status");

    @Test
    void bucketsAreCumulativeAndCountEveryValueNotASample() {
        for (int i = 0; i < 3_000; i++) {
            cut.record(1_000_000, "/a", "2xx"); // 1 ms
        }
        cut.record(300_000_000, "/a", "2xx"); // 0.3 s
        cut.record(60_000_000_000L, "/a", "2xx"); // a minute: only +Inf
        assertEquals(3_002, cut.count("/a", "2xx"));
        assertEquals(3_000, cut.within(0.005, "/a", "2xx"));
        assertEquals(3_000, cut.within(0.25, "/a", "2xx"));
        assertEquals(3_001, cut.within(0.5, "/a", "2xx"));
        assertEquals(3_001, cut.within(10, "/a", "2xx"));
    }

    @Test
    void aValueOnABoundIsWithinIt() {
        cut.record(5_000_000, "/a", "2xx");
        assertEquals(1, cut.within(0.005, "/a", "2xx"));
        assertEquals(0, cut.within(0.005, "/b", "2xx"), "series are per label values");
    }

    @Test
    void labelValuesMustMatchTheLabelNames() {
        assertThrows(IllegalArgumentException.class, () -> cut.record(1, "/a"));
    }
}
