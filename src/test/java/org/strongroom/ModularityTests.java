package org.strongroom;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module structure of DESIGN.md holds, and its documentation is written on every build. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(StrongroomApplication.class);

    @Test
    void modulesOnlyDependOnWhatTheyDeclare() {
        MODULES.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES)
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
