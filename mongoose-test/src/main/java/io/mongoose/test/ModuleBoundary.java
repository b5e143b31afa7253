package io.mongoose.test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * A module's boundary as its {@code module-info} draws it, read wherever the module's
 * classes are (a directory or a jar), for layering rules: which packages are its
 * implementation, which its API.
 */
public final class ModuleBoundary {

	private final ModuleDescriptor descriptor;

	private ModuleBoundary(ModuleDescriptor descriptor) {
		this.descriptor = descriptor;
	}

	/** The boundary of module {@code name}, which holds {@code member}. */
	public static ModuleBoundary of(String name, Class<?> member) {
		try {
			Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
			return new ModuleBoundary(ModuleFinder.of(location)
				.find(name)
				.orElseThrow(() -> new IllegalStateException("no module " + name + " in " + location))
				.descriptor());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The module's descriptor: its packages and exports. */
	public ModuleDescriptor descriptor() {
		return this.descriptor;
	}

	/**
	 * Whether {@code pkg} is one of the module's packages and not exported to everyone.
	 */
	public boolean isImplementation(String pkg) {
		return this.descriptor.packages().contains(pkg)
				&& this.descriptor.exports().stream().noneMatch((e) -> !e.isQualified() && e.source().equals(pkg));
	}

}
