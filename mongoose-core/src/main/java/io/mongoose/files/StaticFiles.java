package io.mongoose.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.mongoose.BodyHandler;
import io.mongoose.Glob;
import io.mongoose.Handler;
import io.mongoose.MimeTypes;
import io.mongoose.Option;
import io.mongoose.UrlCodec;
import io.mongoose.auth.DigestAuth;
import io.mongoose.auth.Nonces;
import io.mongoose.http.Fallback;
import io.mongoose.http.HttpConnection;
import io.mongoose.http.UriNormalizer;

/**
 * The built-in pipeline for requests no handler took ({@code c:open_local_endpoint}):
 * OPTIONS, digest authentication by {@code .htpasswd} / {@code global_auth_file}, path
 * mapping, 301 for directories without a slash, index files, listings, scripts,
 * conditional requests, ranges, {@code .gz} sidecars and zero-copy transfer. IO thread
 * only.
 * <p>
 * Over 400 lines because it keeps the whole order of the file pipeline in one place; each
 * step (FileMapper, DirectoryListing, ConditionalRequests, RangeReply) is a class of its
 * own.
 */
public final class StaticFiles implements Fallback {

	/**
	 * The options this class owns, those of {@link Option.Part#FILES}; {@link #setOption}
	 * accepts exactly these.
	 */
	public static final Set<String> OPTIONS = Option.all()
		.stream()
		.filter((option) -> option.part() == Option.Part.FILES)
		.map(Option::name)
		.collect(Collectors.toUnmodifiableSet());

	private static final String PASSWORDS_FILE = ".htpasswd";

	private Path root;

	private UrlRewrites rewrites = UrlRewrites.NONE;

	private String hidePattern;

	private FileMapper mapper = new FileMapper(null, UrlRewrites.NONE, null);

	private boolean listing = true;

	private Map<String, String> mimeTypes = Map.of();

	private List<String> indexFiles = List.of();

	private Path globalAuthFile;

	private final Nonces nonces = new Nonces();

	/**
	 * Set with {@code auth_domain}, whose default the server applies before it serves.
	 */
	private DigestAuth digest;

	private String cgiPattern;

	private ScriptRunner scriptRunner;

	/**
	 * What a file that is not a CGI script takes (a script takes every method): anything
	 * else is 405.
	 */
	private static final List<String> FILE_METHODS = List.of("GET", "HEAD", "OPTIONS");

	/**
	 * {@link #FILE_METHODS} and the methods a layer serves: the one list both 405 and
	 * OPTIONS announce.
	 */
	private String allow = String.join(", ", FILE_METHODS);

	private String optionsHeaders = "";

	private MethodHandler methodHandler;

	/**
	 * Checks the syntax of a {@code url_rewrites} or {@code extra_mime_types} value.
	 * @return {@code null}, or why the value is invalid
	 */
	public static String checkOption(String name, String value) {
		try {
			if (name.equals("url_rewrites")) {
				UrlRewrites.parse(value);
			}
			else {
				MimeTypes.parseExtra(value);
			}
			return null;
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	/**
	 * Applies one option; {@code null} or empty restores its default.
	 * @return null on success, else the error (nothing changed)
	 */
	public String setOption(String name, String value) {
		String given = (value == null || value.isBlank()) ? null : value.trim();
		Option option = Option.named(name);
		String v = (given == null && option != null) ? option.defaultValue() : given;
		try {
			switch (name) {
				case "document_root" -> {
					if (v != null && !Files.isDirectory(Path.of(v))) {
						return "document_root '" + v + "' is not a directory";
					}
					this.root = (v == null) ? null : Path.of(v).toAbsolutePath().normalize();
				}
				case "enable_directory_listing" -> this.listing = v.equalsIgnoreCase("yes");
				case "extra_mime_types" -> this.mimeTypes = MimeTypes.parseExtra(v);
				case "hide_files_patterns" -> this.hidePattern = v;
				case "index_files" -> this.indexFiles = List.of(v.split("\\s*,\\s*"));
				case "url_rewrites" -> this.rewrites = UrlRewrites.parse(v);
				case "global_auth_file" -> this.globalAuthFile = (v == null) ? null : Path.of(v).toAbsolutePath();
				case "auth_domain" -> this.digest = new DigestAuth(v, this.nonces);
				case "cgi_pattern" -> this.cgiPattern = v;
				default -> {
					return "No such option: " + name;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
		this.mapper = new FileMapper(this.root, this.rewrites, this.hidePattern);
		return null;
	}

	/**
	 * Serves files from {@code root}, a directory on any
	 * {@link java.nio.file.FileSystem}: the default one, or a zip/jar file system
	 * (classpath resources without extraction). Files on the default file system move
	 * with zero-copy transfer, others are read through a channel.
	 * @param root the directory, or null to stop serving files
	 * @return null on success, else the error (nothing changed)
	 */
	public String setDocumentRoot(Path root) {
		if (root != null && !Files.isDirectory(root)) {
			return "document_root '" + root.toUri() + "' is not a directory";
		}
		this.root = (root == null) ? null : root.toAbsolutePath().normalize();
		this.mapper = new FileMapper(this.root, this.rewrites, this.hidePattern);
		return null;
	}

	/** Whether {@code file} would run as a CGI script ({@code cgi_pattern}). */
	public boolean isScript(Path file) {
		return Glob.matches(this.cgiPattern, file.toString());
	}

	/** Plugs in the CGI layer for files matching {@code cgi_pattern}. */
	public void setScriptRunner(ScriptRunner runner) {
		this.scriptRunner = runner;
	}

	/**
	 * Announces the methods a layer accepts (WebDAV with a passwords file) in
	 * {@code Allow}, after the ones files take, so OPTIONS and 405 replies list exactly
	 * what would be served.
	 * @param layerMethods the layer's methods (listed in alphabetical order), empty for
	 * none
	 * @param optionsHeaderLines extra complete header lines for OPTIONS replies (e.g.
	 * {@code "DAV: 1\r\n"})
	 */
	public void setLayerMethods(Collection<String> layerMethods, String optionsHeaderLines) {
		List<String> methods = new ArrayList<>(FILE_METHODS);
		layerMethods.stream().sorted().forEach(methods::add);
		this.allow = String.join(", ", methods);
		this.optionsHeaders = (optionsHeaderLines == null) ? "" : optionsHeaderLines;
	}

	/** Plugs in a layer serving extra methods (WebDAV) before the file lookup. */
	public void setMethodHandler(MethodHandler handler) {
		this.methodHandler = handler;
	}

	/**
	 * The current path mapping ({@code document_root}, {@code url_rewrites}, hidden
	 * files).
	 */
	public FileMapper mapper() {
		return this.mapper;
	}

	/**
	 * Digest authentication with the {@code auth_domain} realm and this pipeline's
	 * nonces.
	 */
	public DigestAuth digest() {
		return this.digest;
	}

	/**
	 * Digest authentication for URI handlers ({@code Server.digestAuthHandler}): a hook
	 * with {@code realm} and this pipeline's nonces.
	 */
	public Handler digestAuthHandler(Path passwords, String realm, Predicate<String> uriFilter) {
		return new DigestAuth(realm, this.nonces).hook(passwords, uriFilter);
	}

	/** Whether {@code enable_directory_listing} is on. */
	public boolean listingEnabled() {
		return this.listing;
	}

	@Override
	public boolean serve(HttpConnection c) {
		String method = c.requestMethod();
		if (method.equals("OPTIONS")) {
			return reply(c, 200, "Allow: " + this.allow + "\r\n" + this.optionsHeaders, null);
		}
		if (this.methodHandler != null && this.methodHandler.handles(method)) {
			return this.methodHandler.serve(c, this);
		}
		String uri = c.uri();
		FileMapper.Target target = this.mapper.map(uri);
		String scriptName = uri;
		String pathInfo = null;
		if (target.status() != FileMapper.Status.FOUND && this.scriptRunner != null) {
			int slash = findScriptPrefix(uri);
			if (slash > 0) {
				scriptName = uri.substring(0, slash);
				pathInfo = uri.substring(slash);
				target = this.mapper.map(scriptName);
			}
		}
		if (target.status() == FileMapper.Status.FORBIDDEN) {
			return error(c, 403);
		}
		if (target.path() == null) {
			return error(c, 404);
		}
		if (!authorize(c, target)) {
			return true;
		}
		if (target.status() == FileMapper.Status.NOT_FOUND) {
			return error(c, 404);
		}
		if (target.isDirectory()) {
			if (!uri.endsWith("/")) {
				return reply(c, 301, "Location: " + UrlCodec.encode(uri) + "/\r\n", null);
			}
			FileMapper.Target index = findIndex(target);
			if (index == null) {
				return this.listing ? listing(c, target.path(), uri) : error(c, 403);
			}
			target = index;
			scriptName = uri + index.path().getFileName();
		}
		if (Glob.matches(this.cgiPattern, target.path().toString())) {
			return (this.scriptRunner != null) ? this.scriptRunner.run(c, target.path(), scriptName, pathInfo)
					: error(c, 501);
		}
		if (!FILE_METHODS.contains(method)) {
			return reply(c, 405, "Allow: " + this.allow + "\r\n", null);
		}
		return FileReply.send(c, target, MimeTypes.get(target.path().getFileName().toString(), this.mimeTypes));
	}

	@Override
	public BodyHandler bodyHandler(HttpConnection c) {
		MethodHandler handler = this.methodHandler;
		return (handler != null && handler.handles(c.requestMethod())) ? handler.bodyHandler(c, this) : null;
	}

	@Override
	public boolean authorize(HttpConnection c) {
		String method = c.requestMethod();
		if (method.equals("OPTIONS")) {
			return true;
		}
		if (this.methodHandler != null && this.methodHandler.handles(method)) {
			return this.methodHandler.authorize(c, this);
		}
		FileMapper.Target target = this.mapper.map(c.uri());
		return target.path() == null || authorize(c, target); // a path that maps nowhere
																// is refused by serve
	}

	/**
	 * Digest authentication when a passwords file applies: the global one, else the
	 * nearest {@code .htpasswd} on the way up from the target's directory to the document
	 * root, so a directory's file protects its whole subtree and a deeper file takes over
	 * below it. A symlink into a protected tree is protected by that tree's file as well
	 * (the named and the real path are both checked). Answers the request with a 401
	 * challenge when it returns false.
	 */
	public boolean authorize(HttpConnection c, FileMapper.Target target) {
		if (this.globalAuthFile != null) {
			return this.digest.authorize(c, this.globalAuthFile);
		}
		Path dir = target.isDirectory() ? target.path() : target.path().getParent();
		Path top = (this.root != null && dir != null && dir.startsWith(this.root)) ? this.root : target.confinedTo();
		if (dir != null && !checkTree(c, dir, top)) {
			return false;
		}
		if (target.status() == FileMapper.Status.FOUND) {
			Path realDir = target.isDirectory() ? target.real() : target.real().getParent();
			// realDir.equals(dir): no symlink on the way (the usual case), nothing more
			// to check
			if (realDir != null && !realDir.equals(dir)) {
				return checkTree(c, realDir, target.confinedTo());
			}
		}
		return true;
	}

	private boolean checkTree(HttpConnection c, Path dir, Path top) {
		Path file = nearestPasswordsFile(dir, top);
		return file == null || this.digest.authorize(c, file);
	}

	/**
	 * The first {@code .htpasswd} in {@code dir} or its parents up to {@code top}, or
	 * null.
	 */
	static Path nearestPasswordsFile(Path dir, Path top) {
		Path stop = (top != null && dir.startsWith(top)) ? top : dir;
		for (Path d = dir; d != null && d.startsWith(stop); d = d.getParent()) {
			Path file = d.resolve(PASSWORDS_FILE);
			if (FileMapper.isRegularFile(file)) {
				return file;
			}
		}
		return null;
	}

	/**
	 * The CGI {@code PATH_INFO} search for a path that is not a file: the first {@code /}
	 * ending a prefix that is an existing script ({@code cgi_pattern}) file, or -1.
	 */
	private int findScriptPrefix(String uri) {
		if (!uri.equals(UriNormalizer.normalize(uri))) {
			return -1;
		}
		for (int i = uri.indexOf('/', 1); i > 0; i = uri.indexOf('/', i + 1)) {
			FileMapper.Target t = this.mapper.map(uri.substring(0, i));
			if (t.status() == FileMapper.Status.FORBIDDEN || t.status() == FileMapper.Status.NOT_FOUND) {
				return -1;
			}
			if (!t.isDirectory()) {
				return Glob.matches(this.cgiPattern, t.path().toString()) ? i : -1;
			}
		}
		return -1;
	}

	private FileMapper.Target findIndex(FileMapper.Target dir) {
		for (String name : this.indexFiles) {
			if (name.isEmpty() || name.contains("/") || name.contains("\\") || this.mapper.isHiddenName(name)) {
				continue;
			}
			FileMapper.Target t = FileMapper.resolveWithin(dir.path().resolve(name), dir.confinedTo());
			if (t.status() == FileMapper.Status.FOUND && !t.isDirectory()) {
				return t;
			}
		}
		return null;
	}

	private boolean listing(HttpConnection c, Path dir, String uri) {
		List<DirectoryListing.Entry> entries;
		try {
			entries = DirectoryListing.read(dir, this.mapper::isHiddenName);
		}
		catch (IOException ex) {
			return error(c, 403);
		}
		String query = c.queryString();
		DirectoryListing.sort(entries, query);
		byte[] body = DirectoryListing.html(uri, entries, query, ZoneId.systemDefault())
			.getBytes(StandardCharsets.UTF_8);
		return reply(c, 200, "Content-Type: text/html; charset=utf-8\r\n", body);
	}

	/**
	 * An error page, or the 302 of a numeric {@code url_rewrites} entry such as
	 * {@code 404=/e.html}.
	 */
	private boolean error(HttpConnection c, int status) {
		String page = this.rewrites.errorPage(status);
		if (page == null) {
			c.sendError(status, null);
			return true;
		}
		String location = page + (page.contains("?") ? "&" : "?") + "code=" + status + "&orig_uri="
				+ UrlCodec.encode(c.uri());
		return reply(c, 302, "Location: " + location + "\r\n", null);
	}

	static boolean reply(HttpConnection c, int status, String headers, byte[] body) {
		if (!c.sendHead(status, headers, body)) {
			c.net().closeNow();
		}
		return true;
	}

}
