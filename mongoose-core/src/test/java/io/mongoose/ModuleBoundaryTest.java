package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;

import org.junit.jupiter.api.Test;

/**
 * The core is the module {@code io.mongoose}, and users of the module see its API package
 * only. The tests run inside the module, so this also shows that they do.
 */
class ModuleBoundaryTest {

	@Test
	void theModuleExportsTheApiPackageOnly() {
		Module module = Server.class.getModule();
		assertThat(module.isNamed()).as("the tests run on the module path, in module io.mongoose").isTrue();
		assertThat(module.getName()).isEqualTo("io.mongoose");
		assertThat(module.getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source)
			.containsExactly("io.mongoose");
		assertThat(module.getDescriptor().exports()).allMatch((e) -> !e.isQualified());
		assertThat(module.getDescriptor().requires()).extracting(ModuleDescriptor.Requires::name)
			.containsExactly("java.base");
	}

}
