package io.mongoose.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.mongoose.http.HttpConnection;
import io.mongoose.http.RangeSpec;
import io.mongoose.net.NetConnection;

/**
 * Sends a file, whole (200), as one range (206 with {@code Content-Range}), as several
 * ranges ({@code 206 multipart/byteranges}), or refuses the range (416 with
 * {@code Content-Range: bytes * /len}). The body is queued as file regions that move with
 * {@code transferTo} only as fast as the socket drains (zero-copy on the default file
 * system).
 */
final class RangeReply {

	/**
	 * More range specs than this and the whole file is sent (RFC 9110 lets a server
	 * ignore Range).
	 */
	public static final int MAX_RANGES = 16;

	private RangeReply() {
	}

	/**
	 * @param headers the representation's header lines (type, validators, encoding); the
	 * connection's writer adds the framing
	 * @param rangeHeader the {@code Range} header, or null to send the whole file
	 * @return false if the reply could not be queued (the connection is then closed)
	 */
	public static boolean send(HttpConnection c, Path file, long length, String contentType, StringBuilder headers,
			String rangeHeader) {
		RangeSpec.Result spec = RangeSpec.parse(rangeHeader, length, MAX_RANGES);
		headers.append("Accept-Ranges: bytes\r\n");
		switch (spec.status()) {
			case UNSATISFIABLE -> {
				headers.append("Content-Range: bytes */").append(length).append("\r\n");
				headers.append("Content-Type: text/plain; charset=utf-8\r\n");
				byte[] body = "416 Range Not Satisfiable\n".getBytes(StandardCharsets.US_ASCII);
				return c.sendHead(416, headers, body);
			}
			case RANGES -> {
				List<RangeSpec.Range> ranges = spec.ranges();
				if (ranges.size() == 1) {
					RangeSpec.Range r = ranges.get(0);
					headers.append("Content-Type: ").append(contentType).append("\r\n");
					headers.append("Content-Range: ").append(r.contentRange(length)).append("\r\n");
					return body(c, file, 206, headers, new long[] { r.first(), r.length() }, null);
				}
				return multipart(c, file, length, contentType, headers, ranges);
			}
			default -> {
				headers.append("Content-Type: ").append(contentType).append("\r\n");
				return body(c, file, 200, headers, new long[] { 0, length }, null);
			}
		}
	}

	private static boolean multipart(HttpConnection c, Path file, long length, String contentType,
			StringBuilder headers, List<RangeSpec.Range> ranges) {
		String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
				+ Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
		long[] regions = new long[ranges.size() * 2];
		byte[][] separators = new byte[ranges.size() + 1][];
		for (int i = 0; i < ranges.size(); i++) {
			RangeSpec.Range r = ranges.get(i);
			regions[2 * i] = r.first();
			regions[2 * i + 1] = r.length();
			separators[i] = ((i == 0 ? "" : "\r\n") + "--" + boundary + "\r\nContent-Type: " + contentType
					+ "\r\nContent-Range: " + r.contentRange(length) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII);
		}
		separators[ranges.size()] = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		headers.append("Content-Type: multipart/byteranges; boundary=").append(boundary).append("\r\n");
		return body(c, file, 206, headers, regions, separators);
	}

	/**
	 * Queues the head, then for each region its separator (if any) and the file slice,
	 * then the closing separator. The length the writer announces is computed exactly
	 * from the same pieces.
	 */
	private static boolean body(HttpConnection c, Path file, int status, StringBuilder headers, long[] regions,
			byte[][] separators) {
		long total = 0;
		for (int i = 0; i < regions.length; i += 2) {
			total += regions[i + 1];
		}
		if (separators != null) {
			for (byte[] s : separators) {
				total += s.length;
			}
		}
		boolean head = "HEAD".equals(c.requestMethod());
		if (head || total == 0) {
			return c.sendHead(status, headers, total);
		}
		FileChannel channel;
		try {
			channel = SeekableFileChannel.open(file);
		}
		catch (IOException | SecurityException ex) {
			c.sendError(404, null);
			return true;
		}
		if (!c.sendHead(status, headers, total)) {
			close(channel);
			return false;
		}
		NetConnection net = c.net();
		int count = regions.length / 2;
		for (int i = 0; i < count; i++) {
			if (separators != null && c.write(separators[i]) == 0) {
				close(channel);
				net.closeNow();
				return false;
			}
			long size = regions[2 * i + 1];
			boolean last = i == count - 1;
			if (size > 0) {
				net.sendFile(channel, regions[2 * i], size, last);
			}
			else if (last) {
				close(channel);
			}
		}
		if (separators != null && c.write(separators[count]) == 0) {
			net.closeNow();
			return false;
		}
		return true;
	}

	private static void close(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ignored) {
			// read-only file
		}
	}

}
