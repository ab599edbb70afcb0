package dossier.site.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientAddressTest {

    @Test
    void aTrustedProxyTellsTheClientsAddress() {
        assertEquals("203.0.113.7", ClientAddress.of("127.0.0.1", "198.51.100.1, 203.0.113.7", "127.0.0.1"));
    }

    @Test
    void anyoneElseCannotForgeIt() {
        assertEquals("192.0.2.9", ClientAddress.of("192.0.2.9", "203.0.113.7", "127.0.0.1"));
        assertEquals("127.0.0.1", ClientAddress.of("127.0.0.1", "203.0.113.7", "none"));
        assertEquals("127.0.0.1", ClientAddress.of("127.0.0.1", null, "127.0.0.1"));
    }
}
