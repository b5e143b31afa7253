package io.mongoose.benchmarks.peers;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * The WebSocket fan-out load: N clients on one Netty event-loop thread listen on
 * {@code /ws} while this thread triggers broadcasts with {@code POST /broadcast}.
 * <ol>
 * <li>warm-up (unless {@code --no-warmup}): 200 clients, 300 broadcasts one at a time and
 * 300 back to back, not recorded; then they close;</li>
 * <li>opens N clients (at most {@code --in-flight} handshakes at once), waits
 * {@code --settle-s} and reads the server's VmRSS: the memory of N idle clients;</li>
 * <li>latency: {@code --broadcasts} messages, each POSTed once the previous one reached
 * every client; fan-out latency is from just before the POST to the last delivery;</li>
 * <li>burst: {@code --burst} messages POSTed back to back; messages/s = deliveries /
 * (last delivery - first POST), and the server's CPU over the same time;</li>
 * <li>prints one tab-separated line ({@code --header} prints the column names): lost =
 * messages some client did not get within {@code --timeout-s}.</li>
 * </ol>
 * With {@code --deflate} every client offers {@code permessage-deflate}; the
 * {@code deflated} column counts the clients whose server accepted it.
 */
final class FanoutClient {

	static final String COLUMNS = String.join("\t", "conns_wanted", "conns_open", "deflated", "p50_ms", "p99_ms",
			"max_ms", "burst_msgs_per_s", "lost", "rss_base_kb", "rss_idle_kb", "kb_per_conn", "hwm_kb",
			"burst_srv_cpu_pct", "burst_msgs_per_cpu_s");

	private final Settings settings;

	private final BroadcastTrigger trigger;

	private long lost;

	private FanoutClient(Settings settings) {
		this.settings = settings;
		this.trigger = new BroadcastTrigger(settings.host, settings.port, settings.timeoutMillis());
	}

	static void main(String[] args) throws Exception {
		Settings settings = Settings.parse(args);
		if (settings.header) {
			System.out.println(COLUMNS);
			return;
		}
		EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		try {
			System.out.println(new FanoutClient(settings).run(loop));
		}
		catch (IOException ex) {
			log("failed: %s", ex);
			System.exit(1);
		}
		finally {
			loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
		}
	}

	private String run(EventLoopGroup loop) throws Exception {
		Settings s = this.settings;
		URI uri = URI.create("ws://" + s.host + ":" + s.port + s.path);
		try {
			if (s.warmup) {
				ClientGroup warm = new ClientGroup(loop, uri, s.deflate, s.timeoutMillis());
				int n = warm.open(Math.min(200, s.conns), s.inFlight, s.timeoutMillis());
				log("warm-up: %d clients", n);
				if (n == 0) {
					throw new IOException("no client could open " + uri);
				}
				latency(warm, 'W', 300);
				burst(warm, 'V', 300);
				warm.close(s.timeoutMillis());
				this.lost = 0;
			}
			long base = ProcStat.statusKb(s.pid, "VmRSS");
			ClientGroup clients = new ClientGroup(loop, uri, s.deflate, s.timeoutMillis());
			int open = clients.open(s.conns, s.inFlight, s.timeoutMillis());
			log("%d of %d clients open (%d failed), %d with permessage-deflate", open, s.conns, clients.failed(),
					clients.deflated());
			if (open == 0) {
				throw new IOException("no client could open " + uri);
			}
			// let the server settle before its idle RSS is read
			Thread.sleep(s.settleMillis);
			long idle = ProcStat.statusKb(s.pid, "VmRSS");
			double[] latencies = latency(clients, 'L', s.broadcasts);
			double[] burst = burst(clients, 'B', s.burst);
			long hwm = ProcStat.statusKb(s.pid, "VmHWM");
			clients.close(s.timeoutMillis());
			Arrays.sort(latencies);
			return String.join("\t", Integer.toString(s.conns), Integer.toString(open),
					Integer.toString(clients.deflated()), ms(percentile(latencies, 50)), ms(percentile(latencies, 99)),
					ms(percentile(latencies, 100)), whole(burst[0]), Long.toString(this.lost), kb(base), kb(idle),
					(base > 0 && idle > 0 && open > 0)
							? String.format(Locale.ROOT, "%.2f", (idle - base) / (double) open) : "-",
					kb(hwm), whole(burst[1]), whole(burst[2]));
		}
		finally {
			this.trigger.close();
		}
	}

	/** One message at a time, each once the previous one reached every client. */
	private double[] latency(ClientGroup clients, char phase, int count) throws Exception {
		Receipts receipts = new Receipts(phase, count, clients.size());
		clients.receiveInto(receipts);
		double[] latencies = new double[count];
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.settings.timeoutMillis());
		int sent = 0;
		int measured = 0;
		while (sent < count) {
			long start = System.nanoTime();
			this.trigger.post(Payload.message(phase, sent));
			boolean arrived = await(receipts.done(sent), receipts, sent + 1, deadline);
			sent++;
			if (!arrived) {
				break;
			}
			latencies[measured++] = (receipts.completedAt(sent - 1) - start) / 1e6;
		}
		this.lost += receipts.expectedTotal(sent) - receipts.received();
		return Arrays.copyOf(latencies, measured);
	}

	/**
	 * {@code count} messages back to back.
	 * @return messages per second, the server's CPU % and messages per CPU-second
	 */
	private double[] burst(ClientGroup clients, char phase, int count) throws Exception {
		Receipts receipts = new Receipts(phase, count, clients.size());
		clients.receiveInto(receipts);
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.settings.timeoutMillis());
		long ticks = ProcStat.cpuTicks(this.settings.pid);
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			this.trigger.post(Payload.message(phase, i));
		}
		boolean all = await(receipts.all(count), receipts, count, deadline);
		long end = all ? last(receipts, count) : System.nanoTime();
		long cpu = ProcStat.cpuTicks(this.settings.pid) - ticks;
		this.lost += receipts.expectedTotal(count) - receipts.received();
		double seconds = (end - start) / 1e9;
		double cpuSeconds = (ticks >= 0) ? cpu / (double) ProcStat.TICKS_PER_SECOND : -1;
		return new double[] { receipts.received() / seconds, (cpuSeconds >= 0) ? 100 * cpuSeconds / seconds : -1,
				(cpuSeconds > 0) ? receipts.received() / cpuSeconds : -1 };
	}

	private static long last(Receipts receipts, int count) {
		long last = 0;
		for (int i = 0; i < count; i++) {
			last = Math.max(last, receipts.completedAt(i));
		}
		return last;
	}

	/** Whether {@code done} completed before the deadline; a time-out is logged. */
	private static boolean await(CompletableFuture<?> done, Receipts receipts, int count, long deadline)
			throws InterruptedException {
		try {
			done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			log("timed out: %d of %d deliveries", receipts.received(), receipts.expectedTotal(count));
			return false;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	private static double percentile(double[] sorted, int p) {
		if (sorted.length == 0) {
			return -1;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static String ms(double value) {
		return (value < 0) ? "-" : String.format(Locale.ROOT, "%.3f", value);
	}

	private static String whole(double value) {
		return (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) ? "-"
				: String.format(Locale.ROOT, "%.0f", value);
	}

	private static String kb(long value) {
		return (value < 0) ? "-" : Long.toString(value);
	}

	private static void log(String format, Object... args) {
		System.err.println("wsclient: " + String.format(Locale.ROOT, format, args));
	}

}
