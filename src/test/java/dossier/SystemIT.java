package dossier;

import dossier.article.EditorScenarios;
import dossier.comment.DiscussionScenarios;
import dossier.media.MediaScenarios;
import dossier.site.BrowserScenarios;
import dossier.site.HostileInputScenarios;
import dossier.site.SiteScenarios;
import dossier.testing.Browser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real WAR in one Payara Micro, for every system test that needs no restart: Arquillian deploys it once
 * and each group of scenarios runs against it as a nested class. Every boot costs 20 to 60 s on two cores, so
 * the groups share the server (and its log, in {@code target/failsafe-reports/dossier.SystemIT-output.txt})
 * and keep out of each other's way with their own slugs, users and articles.
 * <p>
 * Arquillian 1.10 enriches only the outer test instance, not nested ones: this class's own test, which JUnit
 * runs before the nested classes, records the address for them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class SystemIT {

    private static URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return Browser.war();
    }

    @ArquillianResource
    URL deployed;

    @Test
    void theDeployedSiteAnswers() throws Exception {
        base = deployed;
        assertEquals(200, new Browser(deployed.toURI()).get("/").statusCode());
        // The content folder is imported in the background once the site answers: the scenarios read its articles,
        // so they begin when the administrators' overview says it is in.
        Browser chief = new Browser(deployed.toURI());
        assertEquals(303, chief.logIn(dossier.testing.PayaraNode.ADMIN, dossier.testing.PayaraNode.ADMIN_PASSWORD).statusCode());
        org.junit.jupiter.api.Assertions.assertTrue(dossier.testing.Polling.eventually(java.time.Duration.ofSeconds(240),
                () -> chief.get("/admin").body().contains("Content folder imported: ")), "the content folder is imported");
        // The index takes in the last chunk within a moment; scenarios that search wait for what they look for themselves.
        dossier.testing.Polling.eventually(java.time.Duration.ofSeconds(30), () -> dossier.testing.PayaraNode.searchCaughtUp(deployed.toURI()));
    }

    static URL base() {
        if (base == null) {
            throw new IllegalStateException("the address of the deployment is not known: theDeployedSiteAnswers did not run first");
        }
        return base;
    }

    @Nested
    @Order(1)
    class Media extends MediaScenarios {
        Media() {
            super(base());
        }
    }

    @Nested
    @Order(2)
    class Editor extends EditorScenarios {
        Editor() {
            super(base());
        }
    }

    @Nested
    @Order(3)
    class Site extends SiteScenarios {
        Site() {
            super(base());
        }
    }

    @Nested
    @Order(4)
    class Browsers extends BrowserScenarios {
        Browsers() {
            super(base());
        }
    }

    @Nested
    @Order(5)
    class HostileInput extends HostileInputScenarios {
        HostileInput() {
            super(base());
        }
    }

    @Nested
    @Order(6)
    class Discussion extends DiscussionScenarios {
        Discussion() {
            super(base());
        }
    }

    @Nested
    @Order(7)
    class Mail extends dossier.mail.MailScenarios {
        Mail() {
            super(base());
        }
    }

    @Nested
    @Order(8)
    class Recovery extends dossier.account.RecoveryScenarios {
        Recovery() {
            super(base());
        }
    }

    @Nested
    @Order(9)
    class Account extends dossier.account.AccountScenarios {
        Account() {
            super(base());
        }
    }

    @Nested
    @Order(10)
    class OpenApi extends dossier.site.OpenApiScenarios {
        OpenApi() {
            super(base());
        }
    }

    @Nested
    @Order(11)
    class Metrics extends dossier.site.MetricsScenarios {
        Metrics() {
            super(base());
        }
    }

    @Nested
    @Order(12)
    class Semantic extends dossier.search.SemanticScenarios {
        Semantic() {
            super(base());
        }
    }

    /** Last: it calls every endpoint as every kind of caller (the index rebuild and the content sync among them). */
    @Nested
    @Order(13)
    class Authorization extends dossier.site.AuthorizationScenarios {
        Authorization() {
            super(base());
        }
    }
}
