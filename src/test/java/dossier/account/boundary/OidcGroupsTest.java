package dossier.account.boundary;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The groups claim as the provider sends it, bounded before it reaches the role mapping. */
class OidcGroupsTest {

    @Test
    void aListOrOneNameOrNothing() {
        assertEquals(Set.of("editors", "staff"), OidcPages.groups(List.of("editors", "staff")));
        assertEquals(Set.of("editors"), OidcPages.groups("editors"));
        assertEquals(Set.of(), OidcPages.groups(null));
        assertEquals(Set.of(), OidcPages.groups(42));
        assertEquals(Set.of("a"), OidcPages.groups(List.of("a", 7, List.of("nested"), "")));
    }

    @Test
    void hugeClaimsAreCut() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add("g" + i);
        }
        assertEquals(OidcPages.MAX_GROUPS, OidcPages.groups(many).size());
        assertEquals(Set.of("ok"), OidcPages.groups(List.of("x".repeat(OidcPages.MAX_GROUP_LENGTH + 1), "ok")));
    }
}
