package io.mongoose.boot.autoconfigure.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.Reply;
import io.mongoose.boot.UriHandler;
import io.mongoose.boot.route.Body;
import io.mongoose.boot.route.Delete;
import io.mongoose.boot.route.Get;
import io.mongoose.boot.route.HeaderField;
import io.mongoose.boot.route.MongooseException;
import io.mongoose.boot.route.PathVar;
import io.mongoose.boot.route.Post;
import io.mongoose.boot.route.Query;
import io.mongoose.boot.route.Route;
import io.mongoose.boot.route.Status;

/** The annotated-route beans the route tests talk to. */
final class RoutesTestBeans {

	private RoutesTestBeans() {
	}

	record Item(long id, String name, List<String> tags) {
	}

	record NewItem(@NotBlank @Size(max = 10) String name, List<@NotBlank String> tags) {
	}

	@Status(value = 404, reason = "no such item")
	static class NoSuchItem extends RuntimeException {

		private static final long serialVersionUID = 1L;

	}

	@Status(409)
	static class Conflict extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Conflict(String message) {
			super(message);
		}

	}

	@UriHandler("/items")
	static class ItemsApi {

		final Map<Long, Item> items = new ConcurrentHashMap<>();

		final AtomicLong ids = new AtomicLong();

		final CountDownLatch asyncCalled = new CountDownLatch(1);

		final CompletableFuture<Item> pending = new CompletableFuture<>();

		@Get
		List<Item> list(@Query(defaultValue = "10") int limit, @Query(required = false) String name) {
			List<Item> found = new ArrayList<>();
			this.items.values()
				.stream()
				.filter((item) -> name == null || item.name().equals(name))
				.limit(limit)
				.forEach(found::add);
			return found;
		}

		@Get("/{id}")
		Item get(@PathVar long id) {
			Item item = this.items.get(id);
			if (item == null) {
				throw new NoSuchItem();
			}
			return item;
		}

		@Get("/{id}/name")
		Optional<String> name(@PathVar("id") long key) {
			return Optional.ofNullable(this.items.get(key)).map(Item::name);
		}

		@Post
		@Status(201)
		Item create(@Valid @Body NewItem item) {
			if (this.items.values().stream().anyMatch((each) -> each.name().equals(item.name()))) {
				throw new Conflict("an item named " + item.name() + " exists");
			}
			long id = this.ids.incrementAndGet();
			Item created = new Item(id, item.name(), (item.tags() != null) ? item.tags() : List.of());
			this.items.put(id, created);
			return created;
		}

		@Delete("/{id}")
		void delete(@PathVar long id, Connection connection) {
			this.items.remove(id);
			connection.sendReply(200, "text/plain", "deleted " + id);
		}

		@Delete("/{id}/quietly")
		void forget(@PathVar long id) {
			this.items.remove(id);
		}

		@Get("/echo/{*rest}")
		String echo(@PathVar String rest, @HeaderField("X-Tag") String tag,
				@HeaderField(value = "X-Count", required = false) Integer count, Connection c) {
			return rest + "|" + tag + "|" + count + "|" + c.requestMethod();
		}

		@Post("/text")
		String text(@Body String body) {
			return body.toUpperCase();
		}

		@Route(method = "POST", path = "/bytes")
		byte[] bytes(@Body byte[] body) {
			byte[] reversed = new byte[body.length];
			for (int i = 0; i < body.length; i++) {
				reversed[i] = body[body.length - 1 - i];
			}
			return reversed;
		}

		@Get("/range/{n}")
		String range(@PathVar @Min(1) @Max(5) int n, @Query(defaultValue = "1") @Min(1) int step) {
			return n + "/" + step;
		}

		@Get("/nothing")
		Object nothing() {
			return null;
		}

		@Get("/result")
		Handler.Result result(Connection c) {
			c.sendReply(202, "text/plain", "accepted");
			return Handler.Result.DONE;
		}

		@Post("/created")
		Reply created() {
			return Reply.of(201).header("Location", "/items/7").body("created\n");
		}

		@Get("/gone")
		String gone() {
			throw new MongooseException(410, "gone for good");
		}

		@Get("/boom")
		String boom() {
			throw new IllegalStateException("secret internal detail");
		}

		@Get("/async")
		CompletionStage<Item> async() {
			this.asyncCalled.countDown();
			return this.pending;
		}

		@Get("/async-failed")
		CompletionStage<String> asyncFailed() {
			return CompletableFuture.supplyAsync(() -> {
				throw new NoSuchItem();
			});
		}

		@Get(value = "/thread", blocking = true)
		String workerThread() {
			return Thread.currentThread().getName();
		}

		@Get("/io-thread")
		String ioThread() {
			return Thread.currentThread().getName();
		}

		@Get("/async-thread")
		CompletionStage<String> asyncThread() {
			return CompletableFuture.supplyAsync(() -> Thread.currentThread().getName());
		}

	}

	@UriHandler(value = "/blocking", blocking = true)
	static class BlockingApi {

		@Get
		String thread() {
			return Thread.currentThread().getName();
		}

	}

	@UriHandler("/tie")
	static class Tie {

		@Get("/{id}")
		String one(@PathVar String id) {
			return id;
		}

		@Get("/{name}")
		String two(@PathVar String name) {
			return name;
		}

	}

	@UriHandler("/uncaptured")
	static class Uncaptured {

		@Get("/{id}")
		String get(@PathVar String key) {
			return key;
		}

	}

	@UriHandler("/unbound")
	static class Unbound {

		@Get
		String get(String what) {
			return what;
		}

	}

	@UriHandler("/json-out")
	static class JsonOut {

		@Get
		Item get() {
			return new Item(1, "one", List.of());
		}

	}

	@UriHandler("/text-only")
	static class TextOnly {

		@Get("/{id}")
		String get(@PathVar int id) {
			if (id == 0) {
				throw new NoSuchItem();
			}
			return "item " + id;
		}

	}

}
