package io.mongoose.boot.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ResourceUtils;

/**
 * Resolves a {@code classpath:} document root to a {@link Path} the core serves from: a
 * directory when the classes are exploded ({@code file:} URL, IDE,
 * {@code spring-boot:run}, tests), else a directory inside the application's jar through
 * the JDK zip file system (for a Boot fat jar, {@code jar:nested:...!/} with Boot's
 * {@code nested:} file system provider): files are read from the jar, never extracted.
 * Zip file systems stay open for the life of the JVM and are shared by every application
 * context that asks for them.
 */
final class ClasspathDocumentRoot {

	static final String PREFIX = ResourceUtils.CLASSPATH_URL_PREFIX;

	private ClasspathDocumentRoot() {
	}

	static boolean isClasspathLocation(String location) {
		return location.startsWith(PREFIX);
	}

	/**
	 * Return the directory {@code location} names.
	 * @param location a {@code classpath:} location such as {@code classpath:static}
	 * @param resourceLoader the application's resource loader
	 * @return the directory
	 * @throws IllegalStateException if the location is not a directory on the classpath
	 */
	static Path resolve(String location, ResourceLoader resourceLoader) {
		String name = location.substring(PREFIX.length()).replaceAll("^/+", "").replaceAll("/+$", "");
		Resource resource = resourceLoader.getResource(PREFIX + name + "/");
		try {
			if (!resource.exists()) {
				throw new IllegalStateException("Document root '" + location + "' was not found on the classpath");
			}
			Path path = toPath(resource.getURI());
			if (!Files.isDirectory(path)) {
				throw new IllegalStateException(
						"Document root '" + location + "' (" + path.toUri() + ") is not a directory");
			}
			return path;
		}
		catch (IOException | URISyntaxException | RuntimeException ex) {
			if (ex instanceof IllegalStateException state) {
				throw state;
			}
			throw new IllegalStateException("Document root '" + location + "' cannot be read: " + ex, ex);
		}
	}

	private static Path toPath(URI uri) throws IOException, URISyntaxException {
		if (!"jar".equals(uri.getScheme())) {
			return Path.of(uri);
		}
		String spec = uri.toString();
		int separator = spec.lastIndexOf("!/");
		URI jar = new URI(spec.substring(0, separator + 2));
		String entry = spec.substring(separator + 1);
		return openZip(jar).getPath(entry);
	}

	private static synchronized FileSystem openZip(URI jar) throws IOException {
		try {
			return FileSystems.newFileSystem(jar, Map.of());
		}
		catch (FileSystemAlreadyExistsException ex) {
			return FileSystems.getFileSystem(jar);
		}
	}

}
