package io.mongoose.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Static files, bound to {@code mongoose.static-files.*}: served to requests no handler
 * takes.
 *
 * @since 0.1.0
 */
public class StaticFilesProperties {

	/**
	 * Directory served as static files, or a 'classpath:' location (for example
	 * 'classpath:static') served from the application's classes or jar without
	 * extraction; unset serves no files.
	 */
	private @Nullable String documentRoot;

	/**
	 * File names served for a directory, in order of preference.
	 */
	private List<String> indexFiles = new ArrayList<>(
			List.of("index.html", "index.htm", "index.cgi", "index.php", "index.lp"));

	/**
	 * Whether to list a directory that has no index file.
	 */
	private boolean directoryListing = true;

	/**
	 * Glob pattern of files never served, for example '**.secret$|.git'.
	 */
	private @Nullable String hidePatterns;

	/**
	 * Additional MIME types by file extension, for example
	 * 'mongoose.static-files.mime-types.ts=video/mp2t'.
	 */
	private Map<String, String> mimeTypes = new LinkedHashMap<>();

	/**
	 * 'uri_prefix=directory' rewrites applied to static files, or 'status=page' redirects
	 * of errors.
	 */
	private List<String> rewrites = new ArrayList<>();

	public @Nullable String getDocumentRoot() {
		return this.documentRoot;
	}

	public void setDocumentRoot(@Nullable String documentRoot) {
		this.documentRoot = documentRoot;
	}

	public List<String> getIndexFiles() {
		return this.indexFiles;
	}

	public void setIndexFiles(List<String> indexFiles) {
		this.indexFiles = indexFiles;
	}

	public boolean isDirectoryListing() {
		return this.directoryListing;
	}

	public void setDirectoryListing(boolean directoryListing) {
		this.directoryListing = directoryListing;
	}

	public @Nullable String getHidePatterns() {
		return this.hidePatterns;
	}

	public void setHidePatterns(@Nullable String hidePatterns) {
		this.hidePatterns = hidePatterns;
	}

	public Map<String, String> getMimeTypes() {
		return this.mimeTypes;
	}

	public void setMimeTypes(Map<String, String> mimeTypes) {
		this.mimeTypes = mimeTypes;
	}

	public List<String> getRewrites() {
		return this.rewrites;
	}

	public void setRewrites(List<String> rewrites) {
		this.rewrites = rewrites;
	}

}
