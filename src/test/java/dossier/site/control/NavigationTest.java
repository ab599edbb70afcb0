package dossier.site.control;

import dossier.site.control.Navigation.Link;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NavigationTest {

    @Test
    void theDefaultIsTheSitesHubOfFrameworks() {
        Navigation cut = new Navigation(Navigation.DEFAULT);
        assertEquals(List.of(new Link("On-premise LLMs", "/llm-onpremise")), cut.links());
    }

    @Test
    void pairsInTheirOrder() {
        Navigation cut = new Navigation(" Guides = /guides , Tags=/tags/on-premise,About us=/about ");
        assertEquals(List.of(new Link("Guides", "/guides"), new Link("Tags", "/tags/on-premise"),
                new Link("About us", "/about")), cut.links());
    }

    @Test
    void noneMeansNoLinks() {
        assertEquals(List.of(), new Navigation("none").links());
        assertEquals(List.of(), new Navigation("").links());
    }

    @Test
    void onlyLabelledAddressesOfThisSite() {
        for (String wrong : List.of("/guides", "=/guides", "Guides=guides", "Out=https://example.org/",
                "Out=//example.org/x", "Quote=/a\"onmouseover=x", "Guides=/guides,")) {
            assertThrows(IllegalArgumentException.class, () -> new Navigation(wrong), wrong);
        }
    }
}
