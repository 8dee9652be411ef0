package org.strongroom.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Key material and crypto primitives stay inside crypto/internal (DESIGN.md section 3). */
class CryptoBoundaryTests {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.strongroom");

    @Test
    void onlyCryptoInternalUsesTink() {
        noClasses().that().resideOutsideOfPackage("org.strongroom.crypto.internal..")
                .should().dependOnClassesThat().resideInAPackage("com.google.crypto.tink..")
                .check(MAIN);
    }

    @Test
    void onlyCryptoInternalUsesJavaxCrypto() {
        noClasses().that().resideOutsideOfPackage("org.strongroom.crypto.internal..")
                .should().dependOnClassesThat().resideInAPackage("javax.crypto..")
                .check(MAIN);
    }

    @Test
    void thePublicCryptoApiHasNoSpringTypes() {
        noClasses().that().resideInAPackage("org.strongroom.crypto").and().doNotHaveSimpleName("package-info")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(MAIN);
    }
}
