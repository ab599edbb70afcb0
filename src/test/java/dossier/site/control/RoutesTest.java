package dossier.site.control;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoutesTest {

    @Path("")
    static class Pages {
        @GET
        @Path("comments/{id: [0-9]+}/edit")
        public String edit() {
            return "";
        }

        @GET
        @Path("{alias: .+}")
        public String alias() {
            return "";
        }
    }

    @Path("/")
    static class Home {
        @GET
        public String home() {
            return "";
        }
    }

    @Path("api/search")
    static class Api {
        @GET
        public String search() {
            return "";
        }
    }

    /** What the container may hand over instead of the class itself. */
    static class PagesProxy extends Pages {
    }

    @Test
    void theTemplateJoinsTheClassAndTheMethodWithoutTheParametersPatterns() throws Exception {
        assertEquals("/comments/{id}/edit", Routes.template(Pages.class, Pages.class.getMethod("edit")));
        assertEquals("/{alias}", Routes.template(PagesProxy.class, Pages.class.getMethod("alias")));
        assertEquals("/", Routes.template(Home.class, Home.class.getMethod("home")));
        assertEquals("/api/search", Routes.template(Api.class, Api.class.getMethod("search")));
    }

    @Test
    void otherServletsKeepTheirMappingAndTheApplicationsOwnIsUnmatched() {
        assertEquals("/metrics/*", Routes.unlabelled("/metrics/*"));
        assertEquals(Routes.UNMATCHED, Routes.unlabelled("/*"));
        assertEquals(Routes.UNMATCHED, Routes.unlabelled(""));
        assertEquals(Routes.UNMATCHED, Routes.unlabelled(null));
    }

    @Test
    void statusesBecomeTheirClass() {
        assertEquals("2xx", Routes.statusClass(200));
        assertEquals("3xx", Routes.statusClass(304));
        assertEquals("4xx", Routes.statusClass(429));
        assertEquals("5xx", Routes.statusClass(503));
        assertEquals("other", Routes.statusClass(0));
    }
}
