package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;
import io.mongoose.test.RawHttp;
import io.mongoose.test.RawHttp.Response;

/**
 * {@link Router}: templates, precedence, captures, HEAD, OPTIONS and 405, over real
 * sockets.
 */
class RouterTest {

	/**
	 * Answers "name template {captures}" so a test sees which route ran and with what.
	 */
	private static Handler named(String name) {
		return c -> {
			c.sendReply(200, "text/plain", name + " " + c.matchedRoute() + " " + new TreeMap<>(c.pathVariables()));
			return Result.DONE;
		};
	}

	private static RunningServer users() throws InterruptedException {
		return RunningServer.start(s -> s.addUriHandler("/users",
				Router.builder()
					.get("/", named("list"))
					.get("/me", named("me"))
					.get("/{id}", named("show"))
					.put("/{id}", named("replace"))
					.delete("/{userId}", named("remove"))
					.get("/{id}/files/{*path}", named("file"))
					.get("/{id}/files/readme", named("readme"))
					.route("PROPFIND", "/{id}/props", named("props"))
					.build()));
	}

	@Test
	void literalBeatsCaptureBeatsRest() throws Exception {
		try (RunningServer server = users()) {
			assertThat(body(server, "GET", "/users/me")).isEqualTo("me /users/me {}");
			assertThat(body(server, "GET", "/users/42")).isEqualTo("show /users/{id} {id=42}");
			assertThat(body(server, "GET", "/users/42/files/readme"))
				.isEqualTo("readme /users/{id}/files/readme {id=42}");
			assertThat(body(server, "GET", "/users/42/files/a/b.txt"))
				.isEqualTo("file /users/{id}/files/{*path} {id=42, path=a/b.txt}");
			assertThat(body(server, "GET", "/users/42/files"))
				.isEqualTo("file /users/{id}/files/{*path} {id=42, path=}");
			assertThat(body(server, "GET", "/users")).isEqualTo("list /users {}");
			assertThat(body(server, "GET", "/users/")).isEqualTo("list /users {}");
			assertThat(body(server, "GET", "/users/42/")).isEqualTo("show /users/{id} {id=42}");
		}
	}

	@Test
	void eachMethodHasItsOwnCaptureNames() throws Exception {
		try (RunningServer server = users()) {
			assertThat(body(server, "PUT", "/users/7")).isEqualTo("replace /users/{id} {id=7}");
			assertThat(body(server, "DELETE", "/users/7")).isEqualTo("remove /users/{userId} {userId=7}");
			assertThat(body(server, "PROPFIND", "/users/7/props")).isEqualTo("props /users/{id}/props {id=7}");
		}
	}

	@Test
	void capturesAreDecodedAndAnEncodedSlashStaysInItsSegment() throws Exception {
		try (RunningServer server = users()) {
			assertThat(body(server, "GET", "/users/a%2Fb")).isEqualTo("show /users/{id} {id=a/b}");
			assertThat(body(server, "GET", "/users/J%C3%BCrgen%20K")).isEqualTo("show /users/{id} {id=Jürgen K}");
			assertThat(body(server, "GET", "/users/x/files/a%2fb/c"))
				.isEqualTo("file /users/{id}/files/{*path} {id=x, path=a/b/c}");
			// decoded, "/users/a/b" would be no route at all
			assertThat(RawHttp.request(server.port(), "GET", "/users/a/b").status()).isEqualTo(404);
		}
	}

	@Test
	void anotherMethodOnAMatchedPathIs405WithTheExactAllow() throws Exception {
		try (RunningServer server = users()) {
			Response reply = RawHttp.request(server.port(), "POST", "/users/7", "Content-Length: 0");
			assertThat(reply.status()).isEqualTo(405);
			assertThat(reply.header("Allow")).isEqualTo("DELETE, GET, HEAD, OPTIONS, PUT");
			Response root = RawHttp.request(server.port(), "DELETE", "/users");
			assertThat(root.status()).isEqualTo(405);
			assertThat(root.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
			// the connection goes on: a second request on it is served
			try (RawHttp http = new RawHttp(server.port())) {
				assertThat(http.send("PATCH", "/users/me").status()).isEqualTo(405);
				assertThat(http.send("GET", "/users/me").text()).isEqualTo("me /users/me {}");
			}
		}
	}

	@Test
	void optionsOnAMatchedPathIs204WithAllow() throws Exception {
		try (RunningServer server = users()) {
			Response reply = RawHttp.request(server.port(), "OPTIONS", "/users/7/props");
			assertThat(reply.status()).isEqualTo(204);
			assertThat(reply.header("Allow")).isEqualTo("OPTIONS, PROPFIND");
			assertThat(reply.body()).isEmpty();
		}
	}

	@Test
	void headIsServedByGetWithoutTheBody() throws Exception {
		try (RunningServer server = users(); RawHttp http = new RawHttp(server.port())) {
			Response get = http.send("GET", "/users/42");
			Response head = http.send("HEAD", "/users/42");
			assertThat(head.status()).isEqualTo(200);
			assertThat(head.body()).isEmpty();
			Map<String, String> getHeaders = new TreeMap<>(get.headers());
			Map<String, String> headHeaders = new TreeMap<>(head.headers());
			getHeaders.remove("date");
			headHeaders.remove("date");
			assertThat(headHeaders).isEqualTo(getHeaders);
			// the body of the HEAD did not reach the socket: the next reply follows at
			// once
			assertThat(http.send("GET", "/users/me").text()).isEqualTo("me /users/me {}");
		}
	}

	@Test
	void noPathMatchIsTheServersNotFoundAndNeverAPrefixMatch() throws Exception {
		try (RunningServer server = users()) {
			assertThat(RawHttp.request(server.port(), "GET", "/users/1/2").status()).isEqualTo(404);
			assertThat(RawHttp.request(server.port(), "GET", "/usersXYZ").status()).isEqualTo(404);
			assertThat(RawHttp.request(server.port(), "POST", "/users/1/2", "Content-Length: 0").status())
				.isEqualTo(404);
		}
	}

	@Test
	void anotherHandlerOnTheConnectionSeesNoCapturesOfTheLastRequest() throws Exception {
		try (RunningServer server = RunningServer.start(s -> {
			s.addUriHandler("/users", Router.builder().get("/{id}", named("show")).build());
			s.addUriHandler("/plain", named("plain"));
		}); RawHttp http = new RawHttp(server.port())) {
			assertThat(http.send("GET", "/users/1").text()).isEqualTo("show /users/{id} {id=1}");
			assertThat(http.send("GET", "/plain").text()).isEqualTo("plain null {}");
		}
	}

	@Test
	void aRouterAtTheRootAndBelowATrailingSlash() throws Exception {
		try (RunningServer server = RunningServer.start(s -> {
			s.addUriHandler("/", Router.builder().get("/", named("root")).get("/{page}", named("page")).build());
			s.addUriHandler("/api/", Router.builder().get("/{*rest}", named("api")).build());
		})) {
			assertThat(body(server, "GET", "/")).isEqualTo("root / {}");
			assertThat(body(server, "GET", "/about")).isEqualTo("page /{page} {page=about}");
			assertThat(body(server, "GET", "/api/v1/x")).isEqualTo("api /api/{*rest} {rest=v1/x}");
		}
	}

	@Test
	void aBlockingRouteRunsOnAWorkerTheOthersOnTheIoThread() throws Exception {
		Handler thread = c -> {
			c.sendReply(200, "text/plain", Thread.currentThread().getName() + " " + c.pathVariables());
			return Result.DONE;
		};
		try (RunningServer server = RunningServer.start(s -> s.addUriHandler("/jobs",
				Router.builder().get("/{id}", thread).post("/{id}", Handler.blocking(thread)).build()))) {
			assertThat(body(server, "GET", "/jobs/1")).isEqualTo(server.ioThread().getName() + " {id=1}");
			Response posted = RawHttp.request(server.port(), "POST", "/jobs/2", "Content-Length: 0");
			assertThat(posted.text()).startsWith("mongoose-worker-").endsWith(" {id=2}");
		}
	}

	@Test
	void aPathHandlerTakesWholeSegmentsWhileAUriHandlerKeepsThePlainPrefix() throws Exception {
		try (RunningServer server = RunningServer.start(s -> {
			s.addPathHandler("/users", named("users"));
			s.addUriHandler("/files", named("files"));
			s.addUriHandler("/", named("root"));
		})) {
			assertThat(body(server, "GET", "/users")).startsWith("users ");
			assertThat(body(server, "GET", "/users/1")).startsWith("users ");
			assertThat(body(server, "GET", "/users?x=1")).startsWith("users ");
			assertThat(body(server, "GET", "/usersXYZ")).startsWith("root ");
			assertThat(body(server, "GET", "/filesXYZ")).startsWith("files ");
		}
	}

	@Test
	void templatesThatMatchTheSamePathsWithTheSameMethodAreRefusedNamingBoth() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Router.builder().get("/{id}", named("a")).get("/{name}/", named("b")).build())
			.withMessage("routes 'GET /{id}' and 'GET /{name}/' match the same paths with the same method");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Router.builder().get("/f/{*rest}", named("a")).get("/f/**", named("b")).build())
			.withMessageContaining("'GET /f/{*rest}' and 'GET /f/**'");
		// the same template for another method, or a literal beside a capture, is fine
		Router router = Router.builder()
			.get("/{id}", named("a"))
			.put("/{name}", named("b"))
			.get("/me", named("c"))
			.build();
		assertThat(router.routes()).extracting(Router.Route::toString)
			.containsExactly("GET /{id}", "PUT /{name}", "GET /me");
	}

	@Test
	void malformedTemplatesAreRefused() {
		for (String template : new String[] { "users", "/{*rest}/more", "/a{id}", "/{}", "/{id}/{id}", "/**/x",
				"/{a b}" }) {
			assertThatIllegalArgumentException().as(template)
				.isThrownBy(() -> Router.builder().get(template, named("x")).build())
				.withMessageContaining(template);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Router.builder().route("GE T", "/", named("x")));
		assertThatIllegalArgumentException().isThrownBy(() -> Router.builder().get("/", null));
	}

	private static String body(RunningServer server, String method, String target) throws Exception {
		Response reply = RawHttp.request(server.port(), method, target);
		assertThat(reply.status()).as(method + " " + target).isEqualTo(200);
		return reply.text();
	}

}
