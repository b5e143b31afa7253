package io.mongoose.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.mongoose.Connection;
import io.mongoose.PasswordsFile;
import io.mongoose.test.WebSocketRecorder;

/**
 * The sample over real sockets with JDK clients: JSON API, uploads, the digest-protected
 * admin page, Actuator, the echo socket and the chat broadcast.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests extends SampleTestSupport {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Autowired
	private JsonMapper json;

	@Autowired
	private DataSource dataSource;

	// ---- static page
	// --------------------------------------------------------------------------

	@Test
	void chatPageIsServedFromTheClasspath() throws Exception {
		HttpResponse<String> page = get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("text/html"));
		assertThat(page.body()).contains("<title>Mongoose chat</title>");
		HttpResponse<String> script = get("/app.js");
		assertThat(script.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).contains("javascript"));
		assertThat(script.headers().firstValue("ETag")).isPresent();
	}

	// ---- REST API
	// -----------------------------------------------------------------------------

	@Test
	void postedMessagesAreListed() throws Exception {
		HttpResponse<String> created = post("/api/messages", "{\"text\": \"hello api\", \"user\": \"tester\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode message = this.json.readTree(created.body());
		assertThat(message.get("type").asString()).isEqualTo("chat");
		assertThat(message.get("user").asString()).isEqualTo("tester");
		assertThat(message.get("text").asString()).isEqualTo("hello api");
		assertThat(message.get("time").asString()).matches("\\d\\d:\\d\\d:\\d\\d");
		HttpResponse<String> list = get("/api/messages");
		assertThat(list.statusCode()).isEqualTo(200);
		JsonNode messages = this.json.readTree(list.body());
		assertThat(messages.isArray()).isTrue();
		assertThat(messages.valueStream().map((m) -> m.get("text").asString())).contains("hello api");
	}

	@Test
	void invalidMessagesAre400WithAJsonError() throws Exception {
		for (String body : List.of("{\"text\": \"  \"}", "{}", "not json", "{\"text\": \"" + "x".repeat(501) + "\"}")) {
			HttpResponse<String> response = post("/api/messages", body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			JsonNode error = this.json.readTree(response.body());
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(error.get("status").asInt()).isEqualTo(400);
			assertThat(error.get("title").asString()).isEqualTo("Bad Request");
			assertThat(error.get("detail").asString()).isNotBlank();
		}
		assertThat(this.json.readTree(post("/api/messages", "{\"text\": \" \"}").body()).get("errors").get(0))
			.isEqualTo(this.json.readTree("{\"field\": \"text\", \"message\": \"must not be blank\"}"));
		HttpResponse<String> delete = this.http.send(request("/api/messages").DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(delete.statusCode()).isEqualTo(405);
	}

	@Test
	void aMessageIsReadByItsIdAndDeletedByTheAdminOnly() throws Exception {
		JsonNode created = this.json.readTree(post("/api/messages", "{\"text\": \"to be deleted\"}").body());
		String path = "/api/messages/" + created.get("id").asLong();
		HttpResponse<String> read = get(path);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(read.body())).isEqualTo(created);
		HttpResponse<String> anonymous = this.http.send(request(path).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		String challenge = anonymous.headers().firstValue("WWW-Authenticate").orElseThrow();
		assertThat(sendWithDigest(this.port, "DELETE", path, challenge, ADMIN_PASSWORD).statusCode()).isEqualTo(204);
		HttpResponse<String> gone = get(path);
		assertThat(gone.statusCode()).isEqualTo(404);
		JsonNode problem = this.json.readTree(gone.body());
		assertThat(problem.get("detail").asString()).isEqualTo("no message " + created.get("id").asLong());
		assertThat(problem.get("instance").asString()).isEqualTo(path);
		assertThat(get("/api/messages").body()).doesNotContain("to be deleted");
		assertThat(get("/api/messages/first").statusCode()).isEqualTo(400);
		HttpResponse<String> nowhere = get("/api/messages/1/nowhere");
		assertThat(nowhere.statusCode()).isEqualTo(404);
		assertThat(nowhere.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void onlyJsonBodiesArePostedSoACrossSiteFormCannotPost() throws Exception {
		for (String type : List.of("text/plain", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x")) {
			HttpResponse<String> response = this.http.send(request("/api/messages").header("Content-Type", type)
				.POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"forged\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(type).isEqualTo(415);
			assertThat(this.json.readTree(response.body()).get("status").asInt()).isEqualTo(415);
		}
		HttpResponse<String> untyped = this.http.send(
				request("/api/messages").POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"forged\"}")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(untyped.statusCode()).isEqualTo(415);
		assertThat(this.http
			.send(request("/api/messages").header("Content-Type", "Application/JSON; charset=utf-8")
				.POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"typed\"}"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(201);
		assertThat(get("/api/messages").body()).doesNotContain("forged");
	}

	// ---- uploads
	// ------------------------------------------------------------------------------

	@Test
	void uploadedFilesAreStoredWithSafeNamesListedAndDownloadable() throws Exception {
		byte[] content = "uploaded content\n".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> upload = upload("../../evil name<1>.txt", content);
		assertThat(upload.statusCode()).isEqualTo(201);
		assertThat(upload.body()).contains("Stored evil_name_1_.txt.");
		assertThat(Files.readAllBytes(DATA.resolve("uploads/evil_name_1_.txt"))).isEqualTo(content);
		assertThat(get("/upload").body()).contains("href=\"/upload/files/evil_name_1_.txt\"");
		HttpResponse<byte[]> download = this.http.send(request("/upload/files/evil_name_1_.txt").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"evil_name_1_.txt\"");
		assertThat(download.body()).isEqualTo(content);
		assertThat(get("/upload/files/..%2Fadmin.htpasswd").statusCode()).isEqualTo(404);
		assertThat(upload("../../evil name<1>.txt", content).body()).contains("Stored evil_name_1_-1.txt.");
	}

	@Test
	void uploadsFromAnotherSitesPageAre403() throws Exception {
		byte[] content = "csrf\n".getBytes(StandardCharsets.UTF_8);
		assertThat(upload("forged1.txt", content, "Origin", "http://evil.example").statusCode()).isEqualTo(403);
		assertThat(upload("forged2.txt", content, "Referer", "http://evil.example/upload").statusCode()).isEqualTo(403);
		assertThat(upload("forged3.txt", content, "Origin", "null").statusCode()).isEqualTo(403);
		assertThat(upload("forged4.txt", content, "Origin", "http://127.0.0.1:" + (this.port + 1)).statusCode())
			.isEqualTo(403);
		assertThat(DATA.resolve("uploads/forged1.txt")).doesNotExist();
		assertThat(DATA.resolve("uploads/forged2.txt")).doesNotExist();
		assertThat(upload("own-page.txt", content, "Origin", "http://127.0.0.1:" + this.port).statusCode())
			.isEqualTo(201);
		assertThat(
				upload("own-referer.txt", content, "Referer", "http://127.0.0.1:" + this.port + "/upload").statusCode())
			.isEqualTo(201);
	}

	@Test
	void aFileAboveTheMaxFileSizeIs413AndNothingIsStored() throws Exception {
		assertThat(uploadHead("big.bin", 64 * 1024 + 1)).isEqualTo("HTTP/1.1 413 Content Too Large");
		assertThat(DATA.resolve("uploads/big.bin")).doesNotExist();
		assertThat(upload("just-fits.bin", new byte[64 * 1024]).statusCode()).isEqualTo(201);
		assertThat(DATA.resolve("uploads/just-fits.bin")).hasSize(64 * 1024);
	}

	@Test
	void anUploadPastTheTotalQuotaIs413AndDownloadsStreamFromDisk() throws Exception {
		Path data = Files.createTempDirectory(Path.of("target"), "quota");
		try (ConfigurableApplicationContext app = startApp(data, "--sample.upload.max-total-size=100KB",
				"--mongoose.limits.send-queue-limit=64KB")) {
			int port = app.getEnvironment().getRequiredProperty("local.mongoose.port", Integer.class);
			assertThat(upload(port, "first.bin", new byte[60 * 1024]).statusCode()).isEqualTo(201);
			HttpResponse<String> full = upload(port, "second.bin", new byte[60 * 1024]);
			assertThat(full.statusCode()).isEqualTo(413);
			assertThat(full.body()).contains("The upload storage is full (102400 bytes): nothing was stored.");
			try (Stream<Path> files = Files.list(data.resolve("uploads"))) {
				assertThat(files.map((f) -> f.getFileName().toString())).containsExactly("first.bin");
			}
			// larger than the send queue: only a file streamed from disk gets through
			// whole
			byte[] large = new byte[3 * 1024 * 1024];
			new java.util.Random(7).nextBytes(large);
			Files.write(data.resolve("uploads/large.bin"), large);
			HttpResponse<byte[]> download = this.http.send(request(port, "/upload/files/large.bin").build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(download.statusCode()).isEqualTo(200);
			assertThat(download.headers().firstValue("Content-Length")).hasValue(Integer.toString(large.length));
			assertThat(download.body()).isEqualTo(large);
		}
	}

	@Test
	void oversizeUploadIs413BeforeItsBody() throws Exception {
		assertThat(uploadHead("huge.bin", 300 * 1024 * 1024)).isEqualTo("HTTP/1.1 413 Content Too Large");
	}

	/**
	 * The status line answering the head of an upload of {@code length} bytes, sent
	 * alone: a raw socket, since JDK 17's HttpClient waits forever for a 100 when the
	 * server answers at once.
	 */
	private String uploadHead(String fileName, long length) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("PUT /upload?name=" + fileName + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + length
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

	// ---- admin
	// --------------------------------------------------------------------------------

	@Test
	void adminPageNeedsDigestCredentials() throws Exception {
		HttpResponse<String> anonymous = get("/admin/");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		String challenge = anonymous.headers().firstValue("WWW-Authenticate").orElseThrow();
		assertThat(challenge).startsWith("Digest ").contains("realm=\"" + REALM + "\"");
		assertThat(getWithDigest("/admin/", challenge, "wrong password").statusCode()).isEqualTo(401);
		HttpResponse<String> page = getWithDigest("/admin/", challenge, ADMIN_PASSWORD);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Server statistics", "Requests served", "Pushed messages");
		HttpResponse<String> stats = getWithDigest("/admin/stats",
				get("/admin/stats").headers().firstValue("WWW-Authenticate").orElseThrow(), ADMIN_PASSWORD);
		JsonNode node = this.json.readTree(stats.body());
		assertThat(node.get("connections").asInt()).isPositive();
		assertThat(node.get("requestsServed").asLong()).isPositive();
		assertThat(node.has("webSockets")).isTrue();
		assertThat(node.has("pushedMessages")).isTrue();
	}

	@Test
	void firstStartCreatesTheAdminPasswordInAnOwnerOnlyFileAndNeverLogsIt(CapturedOutput output) throws Exception {
		Path data = Files.createTempDirectory(Path.of("target"), "first-start");
		try (ConfigurableApplicationContext app = startApp(data)) {
			int port = app.getEnvironment().getRequiredProperty("local.mongoose.port", Integer.class);
			Path passwordFile = data.resolve("admin-password.txt");
			assertThat(data.resolve("admin.htpasswd")).isRegularFile();
			assertThat(Files.getPosixFilePermissions(passwordFile))
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			String password = Files.readString(passwordFile).strip();
			assertThat(password).hasSizeGreaterThanOrEqualTo(16);
			assertThat(output.getAll()).contains(passwordFile.toString()).doesNotContain(password);
			assertThat(getWithDigest(port, "/admin/", challenge(port, "/admin/"), ADMIN_PASSWORD).statusCode())
				.isEqualTo(401);
			assertThat(getWithDigest(port, "/admin/", challenge(port, "/admin/"), password).statusCode())
				.isEqualTo(200);
		}
	}

	// ---- security headers
	// ----------------------------------------------------------------------

	@Test
	void everyReplyCarriesTheSecurityHeaders() throws Exception {
		for (String path : List.of("/", "/app.js", "/api/messages", "/upload", "/admin/", "/nothing-here")) {
			HttpResponse<String> response = get(path);
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
				.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'")
					.doesNotContain("unsafe-inline"));
		}
		assertThat(get("/stats.js").statusCode()).as("the admin page's script is a file, not inline").isEqualTo(200);
	}

	@Test
	void anUploadedPageIsDownloadedAsAnAttachmentNeverRendered() throws Exception {
		assertThat(upload("page.html", "<script>alert(document.cookie)</script>".getBytes(StandardCharsets.UTF_8))
			.statusCode()).isEqualTo(201);
		HttpResponse<String> download = get("/upload/files/page.html");
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"page.html\"");
		assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	// ---- actuator
	// -----------------------------------------------------------------------------

	@Test
	void healthAndMetricsAreServedByMongoose() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode node = this.json.readTree(health.body());
		assertThat(node.get("status").asString()).isEqualTo("UP");
		assertThat(node.has("components")).as("no details for the public: " + node).isFalse();
		assertThat(health.body()).doesNotContain(Integer.toString(this.port));
		assertThat(get("/actuator/health/mongoose").body()).doesNotContain(Integer.toString(this.port));
		assertThat(get("/actuator/health/nothing").statusCode()).isEqualTo(404);
		JsonNode names = this.json.readTree(get("/actuator/metrics").body());
		assertThat(names.get("names").valueStream().map(JsonNode::asString)).contains("mongoose.connections.active",
				"http.server.requests");
		HttpResponse<String> metric = get("/actuator/metrics/http.server.requests?tag=uri:/api/messages");
		assertThat(metric.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(metric.body()).get("name").asString()).isEqualTo("http.server.requests");
		assertThat(get("/actuator/metrics/no.such.metric").statusCode()).isEqualTo(404);
		assertThat(get("/actuator").body()).contains("/actuator/health", "/actuator/metrics");
	}

	// ---- WebSockets
	// ---------------------------------------------------------------------------

	@Test
	void echoSendsTextAndBinaryMessagesBack() throws Exception {
		Client client = connect("/ws/echo");
		client.socket.sendText("echo me", true).get(5, TimeUnit.SECONDS);
		assertThat(client.next()).isEqualTo("echo me");
		client.socket.sendBinary(ByteBuffer.wrap(new byte[] { 1, 2, 3, (byte) 0xFF }), true).get(5, TimeUnit.SECONDS);
		assertThat(client.binary.poll(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3, (byte) 0xFF);
		client.close();
	}

	@Test
	void chatMessagesReachEveryClient() throws Exception {
		List<Client> clients = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			clients.add(connect("/ws/chat"));
		}
		clients.get(0).socket.sendText("{\"user\": \"alice\", \"text\": \"hello, all three\"}", true)
			.get(5, TimeUnit.SECONDS);
		for (Client client : clients) {
			JsonNode message = client.nextOfType("chat", "hello, all three");
			assertThat(message.get("user").asString()).isEqualTo("alice");
		}
		assertThat(post("/api/messages", "{\"text\": \"from the API\"}").statusCode()).isEqualTo(201);
		for (Client client : clients) {
			assertThat(client.nextOfType("chat", "from the API").get("user").asString()).isEqualTo("api");
			assertThat(client.nextOfType("clock", null).get("time").asString()).matches("\\d\\d:\\d\\d:\\d\\d");
		}
		Client fourth = connect("/ws/chat");
		clients.add(fourth);
		assertThat(fourth.nextOfType("users", null).get("count").asInt()).isGreaterThanOrEqualTo(4);
		assertThat(clients.get(0).nextOfType("users", null).get("count").asInt()).isGreaterThanOrEqualTo(4);
		for (Client client : clients) {
			client.close();
		}
	}

	@Test
	void chatSocketRefusesPagesOfOtherOrigins() throws Exception {
		assertThat(handshakeStatusLine("/ws/chat", "http://evil.example")).isEqualTo("HTTP/1.1 403 Forbidden");
		assertThat(handshakeStatusLine("/ws/chat", "http://127.0.0.1:" + this.port))
			.isEqualTo("HTTP/1.1 101 Switching Protocols");
	}

	@Test
	void theApiWaitsForTheDatabaseOnAWorkerWhileTheServerGoesOn() throws Exception {
		HikariDataSource pool = (HikariDataSource) this.dataSource;
		List<java.sql.Connection> held = new ArrayList<>();
		try {
			while (held.size() < pool.getMaximumPoolSize()) {
				held.add(pool.getConnection()); // the API's insert can get none
			}
			CompletableFuture<HttpResponse<String>> posted = this.http
				.sendAsync(request("/api/messages").header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"after the database\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (pool.getHikariPoolMXBean().getThreadsAwaitingConnection() == 0 && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).isEqualTo(1);
			assertThat(get("/").statusCode()).isEqualTo(200); // the IO thread is free
			assertThat(posted).isNotDone();
			closeAll(held);
			assertThat(posted.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
		}
		finally {
			closeAll(held);
		}
	}

	private static void closeAll(List<java.sql.Connection> connections) throws java.sql.SQLException {
		for (java.sql.Connection connection : connections) {
			connection.close();
		}
		connections.clear();
	}

	@Test
	void chatHistorySurvivesARestart() throws Exception {
		Path data = Files.createTempDirectory(Path.of("target"), "history");
		try (ConfigurableApplicationContext app = startApp(data)) {
			int port = app.getEnvironment().getRequiredProperty("local.mongoose.port", Integer.class);
			assertThat(post(port, "/api/messages", "{\"text\": \"kept by the API\", \"user\": \"ann\"}").statusCode())
				.isEqualTo(201);
			Client client = connect(port, "/ws/chat");
			client.socket.sendText("{\"user\": \"bob\", \"text\": \"kept by the socket\"}", true)
				.get(5, TimeUnit.SECONDS);
			client.nextOfType("chat", "kept by the socket"); // broadcast once stored
			client.close();
		}
		try (ConfigurableApplicationContext app = startApp(data)) {
			int port = app.getEnvironment().getRequiredProperty("local.mongoose.port", Integer.class);
			HttpResponse<String> list = this.http.send(request(port, "/api/messages").build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(list.statusCode()).isEqualTo(200);
			assertThat(this.json.readTree(list.body())
				.valueStream()
				.map((m) -> m.get("user").asString() + ": " + m.get("text").asString()))
				.containsExactly("ann: kept by the API", "bob: kept by the socket");
			Client client = connect(port, "/ws/chat");
			assertThat(client.nextOfType("chat", null).get("text").asString()).isEqualTo("kept by the API");
			assertThat(client.nextOfType("chat", null).get("text").asString()).isEqualTo("kept by the socket");
			client.close();
		}
	}

	// ---- helpers
	// ------------------------------------------------------------------------------

	private HttpRequest.Builder request(String path) {
		return request(this.port, path);
	}

	private static HttpRequest.Builder request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return post(this.port, path, body);
	}

	private HttpResponse<String> post(int port, String path, String body) throws Exception {
		return this.http.send(request(port, path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> upload(String fileName, byte[] content, String... headers) throws Exception {
		return upload(this.port, fileName, content, headers);
	}

	/** What the upload page's script sends for a chosen file. */
	private HttpResponse<String> upload(int port, String fileName, byte[] content, String... headers) throws Exception {
		HttpRequest.Builder request = request(port,
				"/upload?name=" + java.net.URLEncoder.encode(fileName, StandardCharsets.UTF_8));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Another instance of the app on a free port, with its own data directory. */
	private static ConfigurableApplicationContext startApp(Path data, String... args) {
		List<String> all = new ArrayList<>(List.of("--mongoose.listening-port=127.0.0.1:0", "--sample.data-dir=" + data,
				"--spring.lifecycle.timeout-per-shutdown-phase=1s"));
		all.addAll(List.of(args));
		return new SpringApplicationBuilder(SampleApplication.class).web(WebApplicationType.NONE)
			.run(all.toArray(String[]::new));
	}

	private String challenge(int port, String path) throws Exception {
		HttpResponse<String> anonymous = this.http.send(request(port, path).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		return anonymous.headers().firstValue("WWW-Authenticate").orElseThrow();
	}

	/**
	 * A GET answering {@code challenge} (RFC 7616, MD5, qop=auth), as a browser would.
	 */
	private HttpResponse<String> getWithDigest(String path, String challenge, String password) throws Exception {
		return getWithDigest(this.port, path, challenge, password);
	}

	private HttpResponse<String> getWithDigest(int port, String path, String challenge, String password)
			throws Exception {
		return sendWithDigest(port, "GET", path, challenge, password);
	}

	private HttpResponse<String> sendWithDigest(int port, String method, String path, String challenge, String password)
			throws Exception {
		String params = challenge.substring("Digest ".length());
		String realm = Connection.parseHeader(params, "realm");
		String nonce = Connection.parseHeader(params, "nonce");
		String cnonce = Long.toHexString(System.nanoTime());
		String nc = "00000001";
		String ha1 = PasswordsFile.ha1("admin", realm, password);
		String ha2 = PasswordsFile.md5Hex(method + ":" + path);
		String response = PasswordsFile.md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
		String authorization = "Digest username=\"admin\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\""
				+ path + "\", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\", response=\"" + response
				+ "\", algorithm=MD5";
		return this.http.send(request(port, path).header("Authorization", authorization)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The status line answering a WebSocket handshake sent from a page of {@code origin}.
	 */
	private String handshakeStatusLine(String path, String origin) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port
						+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
						+ "Sec-WebSocket-Version: 13\r\nOrigin: " + origin + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

	private Client connect(String path) {
		return connect(this.port, path);
	}

	private Client connect(int port, String path) {
		return new Client(WebSocketRecorder.connect(this.http, URI.create("ws://127.0.0.1:" + port + path)));
	}

	/** A recorded chat or echo socket, with what these tests ask of it. */
	private final class Client {

		final WebSocket socket;

		final BlockingQueue<String> texts;

		final BlockingQueue<byte[]> binary;

		Client(WebSocketRecorder recorder) {
			this.socket = recorder.socket();
			this.texts = recorder.texts();
			this.binary = recorder.binaries();
		}

		String next() throws InterruptedException {
			String text = this.texts.poll(5, TimeUnit.SECONDS);
			assertThat(text).as("a message within 5 s").isNotNull();
			return text;
		}

		/**
		 * The next pushed JSON object of {@code type} (and {@code text}, if given),
		 * skipping others.
		 */
		JsonNode nextOfType(String type, String text) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (System.nanoTime() < deadline) {
				String next = this.texts.poll(100, TimeUnit.MILLISECONDS);
				if (next == null) {
					continue;
				}
				JsonNode node = SampleApplicationTests.this.json.readTree(next);
				if (type.equals(node.get("type").asString())
						&& (text == null || text.equals(node.get("text").asString()))) {
					return node;
				}
			}
			throw new AssertionError(
					"no " + type + " message " + (text != null ? "'" + text + "' " : "") + "within 5 s");
		}

		void close() throws Exception {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
		}

	}

}
