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

    @Test
    void httpsIsTakenFromTheConnectionOrFromATrustedProxyOnly() {
        org.junit.jupiter.api.Assertions.assertTrue(ClientAddress.overHttps(true, "192.0.2.9", null, "none"));
        org.junit.jupiter.api.Assertions.assertTrue(ClientAddress.overHttps(false, "10.0.0.2", " HTTPS ", "10.0.0.1, 10.0.0.2"));
        org.junit.jupiter.api.Assertions.assertFalse(ClientAddress.overHttps(false, "192.0.2.9", "https", "10.0.0.1"),
                "anyone can write the header");
        org.junit.jupiter.api.Assertions.assertFalse(ClientAddress.overHttps(false, "10.0.0.1", "http", "10.0.0.1"));
        org.junit.jupiter.api.Assertions.assertFalse(ClientAddress.overHttps(false, "10.0.0.1", null, "10.0.0.1"));
    }
}
