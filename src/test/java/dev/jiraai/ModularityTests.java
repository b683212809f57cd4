package dev.jiraai;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module boundaries of C2 in {@code CONVENTIONS.md} hold: features depend only on
 * what their {@code package-info.java} allows, and there are no cycles.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(JiraAiApplication.class);

	@Test
	void modulesRespectTheirDeclaredDependencies() {
		this.modules.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(this.modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
