package io.mongoose.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import io.mongoose.UrlCodec;

/**
 * The HTML directory listing of the original: "Index of URI", a table with Name, Modified
 * and Size columns sortable with the query keys {@code n}, {@code d}, {@code s} (a second
 * letter {@code d} = descending; the header links toggle the direction), directories
 * first, a parent link, sizes as bytes below 1024 then one decimal with {@code k},
 * {@code M}, {@code G}, dates {@code dd-Mon-yyyy HH:mm} in server local time. Names are
 * HTML-escaped and links URL-encoded.
 */
final class DirectoryListing {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm", Locale.ROOT);

	/** One entry of the listing. */
	public record Entry(String name, boolean directory, long size, long modifiedMillis) {
	}

	private DirectoryListing() {
	}

	/** Reads {@code dir}, leaving out the names {@code hidden} rejects. */
	public static List<Entry> read(Path dir, Predicate<String> hidden) throws IOException {
		List<Entry> entries = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
			for (Path p : stream) {
				String name = p.getFileName().toString();
				if (hidden.test(name)) {
					continue;
				}
				try {
					BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
					entries.add(new Entry(name, a.isDirectory(), a.size(), a.lastModifiedTime().toMillis()));
				}
				catch (IOException ex) {
					// a dangling symlink or a file removed meanwhile: not listed
				}
			}
		}
		return entries;
	}

	/**
	 * Sorts as the query asks: {@code n|d|s} optionally followed by {@code d}; default by
	 * name.
	 */
	public static void sort(List<Entry> entries, String query) {
		String q = (query == null) ? "" : query;
		char key = q.isEmpty() ? 'n' : q.charAt(0);
		boolean descending = q.length() > 1 && q.charAt(1) == 'd';
		Comparator<Entry> order = switch (key) {
			case 'd' -> Comparator.comparingLong(Entry::modifiedMillis);
			case 's' -> Comparator.comparingLong(Entry::size);
			default -> Comparator.comparing(Entry::name);
		};
		order = order.thenComparing(Entry::name);
		if (descending) {
			order = order.reversed();
		}
		entries.sort(Comparator.comparing((Entry e) -> !e.directory()).thenComparing(order));
	}

	/**
	 * The page for {@code uri} (ending in {@code /}) with {@code entries} already sorted.
	 */
	public static String html(String uri, List<Entry> entries, String query, ZoneId zone) {
		String q = (query == null || query.isEmpty()) ? "n" : query;
		boolean descending = q.length() > 1 && q.charAt(1) == 'd';
		char key = q.charAt(0);
		String title = "Index of " + Markup.escape(uri);
		StringBuilder sb = new StringBuilder(256 + entries.size() * 160);
		sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
			.append(title)
			.append("</title>\n<style>th {text-align: left;}</style></head>\n<body><h1>")
			.append(title)
			.append("</h1><pre><table cellpadding=\"0\">\n<tr>");
		column(sb, "Name", 'n', key, descending);
		column(sb, "Modified", 'd', key, descending);
		column(sb, "Size", 's', key, descending);
		sb.append("</tr>\n<tr><td colspan=\"3\"><hr></td></tr>\n");
		String href = UrlCodec.encode(uri);
		if (!uri.equals("/")) {
			sb.append("<tr><td><a href=\"")
				.append(href)
				.append("..\">Parent directory</a></td><td>&nbsp;-</td><td>&nbsp;&nbsp;-</td></tr>\n");
		}
		for (Entry e : entries) {
			String slash = e.directory() ? "/" : "";
			sb.append("<tr><td><a href=\"")
				.append(href)
				.append(UrlCodec.encode(e.name()))
				.append(slash)
				.append("\">")
				.append(Markup.escape(e.name()))
				.append(slash)
				.append("</a></td><td>&nbsp;")
				.append(DATE.format(Instant.ofEpochMilli(e.modifiedMillis()).atZone(zone)))
				.append("</td><td>&nbsp;&nbsp;")
				.append(e.directory() ? "[DIRECTORY]" : size(e.size()))
				.append("</td></tr>\n");
		}
		sb.append("</table></pre></body></html>\n");
		return sb.toString();
	}

	private static void column(StringBuilder sb, String label, char key, char current, boolean descending) {
		String direction = (key == current && !descending) ? "d" : "";
		sb.append("<th><a href=\"?").append(key).append(direction).append("\">").append(label).append("</a></th>");
	}

	/** Bytes below 1024, else one decimal and {@code k}, {@code M} or {@code G}. */
	public static String size(long bytes) {
		if (bytes < 1024) {
			return Long.toString(bytes);
		}
		if (bytes < 1024L * 1024) {
			return String.format(Locale.ROOT, "%.1fk", bytes / 1024.0);
		}
		if (bytes < 1024L * 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1fM", bytes / 1048576.0);
		}
		return String.format(Locale.ROOT, "%.1fG", bytes / 1073741824.0);
	}

}
