package io.rebound.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The worker's packages depend on each other without cycles, and on the gateway not at all (only on common). */
class ArchitectureTest {

    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rebound.worker");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.rebound.worker.(*)..").should().beFreeOfCycles().check(WORKER);
    }

    @Test
    void theWorkerMeetsTheGatewayOnlyThroughCommon() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.rebound.gateway..")
                .check(WORKER);
    }
}
