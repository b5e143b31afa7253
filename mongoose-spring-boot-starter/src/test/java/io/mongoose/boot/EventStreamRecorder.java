package io.mongoose.boot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK {@link HttpClient} reading an event stream line by line into a queue, as an
 * {@code EventSource} would; opened once its first line (the server's first comment) is
 * in.
 */
final class EventStreamRecorder implements AutoCloseable {

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private volatile Flow.Subscription subscription;

	private EventStreamRecorder() {
	}

	/** Opens {@code path} with the extra header lines ({@code name, value, ...}). */
	static EventStreamRecorder open(int port, String path, String... headers) throws InterruptedException {
		EventStreamRecorder recorder = new EventStreamRecorder();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Accept", "text/event-stream");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		HttpClient.newHttpClient()
			.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(recorder.subscriber()));
		recorder.next((line) -> true, "the stream's first line");
		return recorder;
	}

	private Flow.Subscriber<String> subscriber() {
		return new Flow.Subscriber<>() {

			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				EventStreamRecorder.this.subscription = subscription;
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(String line) {
				EventStreamRecorder.this.lines.add(line);
			}

			@Override
			public void onError(Throwable failure) {
			}

			@Override
			public void onComplete() {
			}

		};
	}

	/**
	 * The next line {@code accepted} takes, skipping the others; fails after 10 s.
	 */
	String next(java.util.function.Predicate<String> accepted, String what) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			String line = this.lines.poll(100, TimeUnit.MILLISECONDS);
			if (line != null && accepted.test(line)) {
				return line;
			}
		}
		throw new AssertionError("no " + what + " within 10 s");
	}

	/** The value of a {@code data:} line arriving within {@code millis}, or null. */
	String pollData(long millis) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
			String line = this.lines.poll(left, TimeUnit.MILLISECONDS);
			if (line != null && line.startsWith("data: ")) {
				return line.substring(6);
			}
		}
		return null;
	}

	/** The next {@code data:} line's value. */
	String nextData() throws InterruptedException {
		return next((line) -> line.startsWith("data: "), "data line").substring(6);
	}

	@Override
	public void close() {
		Flow.Subscription current = this.subscription;
		if (current != null) {
			current.cancel();
		}
	}

}
