package dossier;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the code, checked on the compiled classes: components ({@code dossier.<component>}) depend on
 * each other in one direction only; inside each, control and entity never reach up into a boundary; and the
 * site, the infrastructure every page runs on, knows no feature.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dossier");
    }

    @Test
    void componentsDependOnEachOtherInOneDirectionOnly() {
        slices().matching("dossier.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void controlAndEntityNeverReachUpIntoABoundary() {
        noClasses().that().resideInAnyPackage("dossier..control..", "dossier..entity..")
                .should().dependOnClassesThat().resideInAPackage("dossier..boundary..")
                .check(classes);
    }

    @Test
    void theSiteKnowsNoFeature() {
        noClasses().that().resideInAPackage("dossier.site..")
                .should().dependOnClassesThat().resideInAnyPackage("dossier.account..", "dossier.article..", "dossier.audit..",
                        "dossier.backup..", "dossier.comment..", "dossier.mail..", "dossier.markdown..", "dossier.media..", "dossier.search..")
                .check(classes);
    }

    @Test
    void entitiesKnowNoOtherLayer() {
        noClasses().that().resideInAPackage("dossier..entity..")
                .should().dependOnClassesThat().resideInAnyPackage("dossier..control..")
                .because("entities are the data; rules about them live in control")
                .check(classes);
    }
}
