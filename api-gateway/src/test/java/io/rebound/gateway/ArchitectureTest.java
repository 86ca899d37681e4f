package io.rebound.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The gateway's packages depend on each other without cycles, and on the worker not at all (only on common). */
class ArchitectureTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rebound.gateway");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.rebound.gateway.(*)..").should().beFreeOfCycles().check(GATEWAY);
    }

    @Test
    void theGatewayMeetsTheWorkerOnlyThroughCommon() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.rebound.worker..")
                .check(GATEWAY);
    }
}
