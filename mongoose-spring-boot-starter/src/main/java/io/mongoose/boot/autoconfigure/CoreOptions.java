package io.mongoose.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * The core options {@link MongooseProperties} stand for: each typed property with the
 * core option it sets, in the core's terms (milliseconds, bytes, {@code yes}/{@code no},
 * comma lists). The one place that maps property names to option names.
 */
final class CoreOptions {

	/**
	 * One core option set from a property.
	 *
	 * @param option the core option's name
	 * @param property the property it comes from, for error messages
	 * @param value the value, {@code null} to leave the option unset
	 */
	record Entry(String option, String property, @Nullable String value) {
	}

	private final List<Entry> entries = new ArrayList<>();

	private CoreOptions() {
	}

	/**
	 * Return the options of {@code properties}: the typed properties, then the raw
	 * {@code mongoose.options} map (which wins).
	 * @param properties the properties
	 * @return the options, in the order they are applied
	 */
	static List<Entry> of(MongooseProperties properties) {
		CoreOptions options = new CoreOptions();
		options.add("listening_port", "listening-port", properties.getListeningPort());
		options.add("reuse_port", "reuse-port", yesNo(properties.isReusePort()));
		options.add("access_control_list", "access-control-list", joinOrNull(properties.getAccessControlList()));
		options.add("watchdog_ms", "watchdog", millis(properties.getWatchdog()));
		options.add("extra_headers", "extra-headers", headerLines(properties.getExtraHeaders()));
		SslProperties ssl = properties.getSsl();
		options.add("ssl_certificate", "ssl.certificate", ssl.getCertificate());
		options.add("ssl_ciphers", "ssl.ciphers", joinOrNull(ssl.getCiphers()));
		options.add("ssl_ca_file", "ssl.ca-file", ssl.getCaFile());
		options.add("ssl_client_auth", "ssl.client-auth", ssl.getClientAuth().name().toLowerCase(Locale.ROOT));
		StaticFilesProperties files = properties.getStaticFiles();
		options.add("document_root", "static-files.document-root", files.getDocumentRoot());
		options.add("index_files", "static-files.index-files", joinOrNull(files.getIndexFiles()));
		options.add("enable_directory_listing", "static-files.directory-listing", yesNo(files.isDirectoryListing()));
		options.add("hide_files_patterns", "static-files.hide-patterns", files.getHidePatterns());
		options.add("extra_mime_types", "static-files.mime-types", mimeTypes(files.getMimeTypes()));
		options.add("url_rewrites", "static-files.rewrites", joinOrNull(files.getRewrites()));
		CompressionProperties compression = properties.getCompression();
		options.add("compression", "compression.enabled", yesNo(compression.isEnabled()));
		options.add("compression_mime_types", "compression.mime-types", joinOrNull(compression.getMimeTypes()));
		options.add("compression_min_size", "compression.min-response-size", bytes(compression.getMinResponseSize()));
		options.add("auth_domain", "auth.domain", properties.getAuth().getDomain());
		options.add("global_auth_file", "auth.global-file", properties.getAuth().getGlobalFile());
		options.add("access_log_file", "access-log.file", properties.getAccessLog().getFile());
		CgiProperties cgi = properties.getCgi();
		options.add("cgi_pattern", "cgi.pattern", cgi.getPattern());
		options.add("cgi_interpreter", "cgi.interpreter", cgi.getInterpreter());
		options.add("cgi_timeout_ms", "cgi.timeout", millis(cgi.getTimeout()));
		options.add("cgi_max_processes", "cgi.max-processes", Integer.toString(cgi.getMaxProcesses()));
		options.add("dav_auth_file", "dav.auth-file", properties.getDav().getAuthFile());
		options.add("dav_allow_script_upload", "dav.allow-script-upload",
				yesNo(properties.getDav().isAllowScriptUpload()));
		options.add("dav_max_put_size", "dav.max-put-size", bytes(properties.getDav().getMaxPutSize()));
		LimitsProperties limits = properties.getLimits();
		options.add("max_request_size", "limits.max-request-size", bytes(limits.getMaxRequestSize()));
		options.add("max_headers", "limits.max-headers", Integer.toString(limits.getMaxHeaders()));
		options.add("max_body_size", "limits.max-body-size", bytes(limits.getMaxBodySize()));
		options.add("max_buffered_bytes", "limits.max-buffered-bytes", bytes(limits.getMaxBufferedBytes()));
		options.add("request_timeout_ms", "limits.request-timeout", millis(limits.getRequestTimeout()));
		options.add("idle_timeout_ms", "limits.idle-timeout", millis(limits.getIdleTimeout()));
		options.add("min_body_rate", "limits.min-body-rate", bytes(limits.getMinBodyRate()));
		options.add("send_queue_limit", "limits.send-queue-limit", bytes(limits.getSendQueueLimit()));
		options.add("send_timeout_ms", "limits.send-timeout", millis(limits.getSendTimeout()));
		options.add("max_connections", "limits.max-connections", Integer.toString(limits.getMaxConnections()));
		options.add("async_timeout_ms", "limits.async-timeout", millis(limits.getAsyncTimeout()));
		WebSocketProperties websocket = properties.getWebsocket();
		options.add("websocket_max_message_size", "websocket.max-message-size", bytes(websocket.getMaxMessageSize()));
		options.add("websocket_ping_interval_ms", "websocket.ping-interval", millis(websocket.getPingInterval()));
		options.add("websocket_whole_messages", "websocket.whole-messages", yesNo(websocket.isWholeMessages()));
		options.add("websocket_slow_reader", "websocket.slow-reader",
				websocket.getSlowReader().name().toLowerCase(Locale.ROOT));
		options.add("websocket_allowed_origins", "websocket.allowed-origins",
				joinOrNull(websocket.getAllowedOrigins()));
		options.add("websocket_deflate", "websocket.deflate.enabled", yesNo(websocket.getDeflate().isEnabled()));
		options.add("websocket_deflate_threshold", "websocket.deflate.threshold",
				bytes(websocket.getDeflate().getThreshold()));
		options.add("websocket_deflate_memory", "websocket.deflate.memory", bytes(websocket.getDeflate().getMemory()));
		options.add("sse_heartbeat_ms", "sse.heartbeat", millis(properties.getSse().getHeartbeat()));
		options.add("sse_replay_size", "sse.replay-size", Integer.toString(properties.getSse().getReplaySize()));
		options.add("worker_threads", "worker.threads", Integer.toString(properties.getWorker().getThreads()));
		options.add("worker_queue_limit", "worker.queue-capacity",
				Integer.toString(properties.getWorker().getQueueCapacity()));
		properties.getOptions().forEach((key, value) -> {
			String name = key.replace('-', '_');
			options.entries.removeIf((entry) -> entry.option().equals(name));
			options.entries.add(new Entry(name, "mongoose.options." + key, value));
		});
		return options.entries;
	}

	private void add(String option, String property, @Nullable String value) {
		this.entries.add(new Entry(option, "mongoose." + property, value));
	}

	private static String millis(Duration duration) {
		return Long.toString(duration.toMillis());
	}

	private static String bytes(DataSize size) {
		return Long.toString(size.toBytes());
	}

	private static @Nullable String joinOrNull(List<String> values) {
		return values.isEmpty() ? null : String.join(",", values);
	}

	private static String yesNo(boolean value) {
		return value ? "yes" : "no";
	}

	private static @Nullable String mimeTypes(Map<String, String> types) {
		if (types.isEmpty()) {
			return null;
		}
		List<String> entries = new ArrayList<>();
		types
			.forEach((extension, type) -> entries.add((extension.startsWith(".") ? "" : ".") + extension + "=" + type));
		return String.join(",", entries);
	}

	private static @Nullable String headerLines(Map<String, String> headers) {
		if (headers.isEmpty()) {
			return null;
		}
		StringBuilder lines = new StringBuilder();
		headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append('\n'));
		return lines.toString();
	}

}
