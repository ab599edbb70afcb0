package dossier.site.boundary;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecurityHeadersTest {

    @Test
    void withoutAProviderThePolicyIsTheStrictOne() {
        SecurityHeaders cut = new SecurityHeaders();
        cut.oidcIssuer = Optional.empty();
        assertEquals(SecurityHeaders.POLICY, cut.policy());
    }

    @Test
    void theProvidersOriginAloneJoinsFormAction() {
        SecurityHeaders cut = new SecurityHeaders();
        cut.oidcIssuer = Optional.of("https://sso.example.org:8443/realms/staff");
        assertEquals(SecurityHeaders.POLICY.replace("form-action 'self'", "form-action 'self' https://sso.example.org:8443"), cut.policy());
    }

    @Test
    void nothingButAnHttpOriginReachesThePolicy() {
        assertEquals("", SecurityHeaders.origin("javascript:alert(1)"));
        assertEquals("", SecurityHeaders.origin("https://sso.example.org; script-src *"));
        assertEquals("", SecurityHeaders.origin("not an address"));
        assertEquals("http://127.0.0.1:8180", SecurityHeaders.origin("http://127.0.0.1:8180/realms/x"));
    }
}
