package io.mongoose.ws;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mongoose.Header;

/**
 * The permessage-deflate parameters of one WebSocket (RFC 7692), and their negotiation:
 * the first offer of {@code Sec-WebSocket-Extensions} this server can honour is accepted,
 * an offer with an unknown, repeated or invalid parameter is declined and the next one
 * tried (§5, §7.1).
 * <p>
 * {@code java.util.zip} always inflates with a 32 KiB window, so any
 * {@code client_max_window_bits} is fine and never answered; its deflater cannot shrink
 * its window, so {@code server_max_window_bits} below 15 is honoured by compressing
 * without back-references (Huffman only), which any window decodes. Keeping a context
 * (LZ77 window) from message to message costs memory per connection, measured with
 * {@code java.util.zip} on a 64-bit JVM: {@link #INFLATE_CONTEXT} for the client's,
 * {@link #DEFLATE_CONTEXT} for the server's; a context {@code websocket_deflate_memory}
 * does not cover is refused with {@code client_no_context_takeover} /
 * {@code server_no_context_takeover}, and the message is then (de)compressed with a
 * pooled inflater/deflater held only while it is.
 *
 * @param serverContext the server keeps its compression context between messages (its own
 * deflater)
 * @param clientContext the client may keep its context (this connection's own inflater)
 * @param huffmanOnly the client asked for a window below 15 bits: no back-references
 * @param response the {@code Sec-WebSocket-Extensions} value of the 101
 */
record PerMessageDeflate(boolean serverContext, boolean clientContext, boolean huffmanOnly, String response) {

	static final String NAME = "permessage-deflate";

	/** Native memory of an inflater that keeps its 32 KiB window (measured: 40,374). */
	static final long INFLATE_CONTEXT = 40 * 1024;

	/**
	 * Native memory of a deflater that keeps its window: zlib's 2 × 128 KiB of window and
	 * hash chains plus its state (measured: 268,607).
	 */
	static final long DEFLATE_CONTEXT = 264 * 1024;

	/**
	 * Negotiates over every {@code Sec-WebSocket-Extensions} header of the request.
	 * @param memory {@code websocket_deflate_memory}: what the contexts may cost
	 * @return the parameters, or {@code null} when no offer is acceptable (no
	 * compression)
	 */
	static PerMessageDeflate negotiate(List<Header> headers, long memory) {
		for (Header header : headers) {
			if (!header.name().equalsIgnoreCase("Sec-WebSocket-Extensions")) {
				continue;
			}
			for (String offer : split(header.value(), ',')) {
				List<String> parts = split(offer, ';');
				if (!parts.isEmpty() && parts.get(0).trim().equalsIgnoreCase(NAME)) {
					PerMessageDeflate accepted = accept(parts.subList(1, parts.size()), memory);
					if (accepted != null) {
						return accepted;
					}
				}
			}
		}
		return null;
	}

	/** One offer's parameters; {@code null} declines it. */
	private static PerMessageDeflate accept(List<String> params, long memory) {
		boolean serverNoContext = false;
		boolean clientNoContext = false;
		int serverBits = 0;
		Set<String> seen = new HashSet<>();
		for (String param : params) {
			int eq = param.indexOf('=');
			String name = ((eq < 0) ? param : param.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
			String value = (eq < 0) ? null : unquote(param.substring(eq + 1).trim());
			if (!seen.add(name)) {
				return null; // §7.1: a parameter given twice
			}
			switch (name) {
				case "server_no_context_takeover", "client_no_context_takeover" -> {
					if (value != null) {
						return null; // a flag takes no value
					}
					serverNoContext |= name.startsWith("server");
					clientNoContext |= name.startsWith("client");
				}
				case "server_max_window_bits" -> {
					serverBits = windowBits(value);
					if (serverBits < 0) {
						return null;
					}
				}
				case "client_max_window_bits" -> {
					if (value != null && windowBits(value) < 0) {
						return null; // no value means "I can take any", and is never
										// answered
					}
				}
				default -> {
					return null; // §7.1: an unknown parameter
				}
			}
		}
		boolean clientContext = !clientNoContext && memory >= INFLATE_CONTEXT;
		boolean huffmanOnly = serverBits > 0 && serverBits < 15;
		boolean serverContext = !serverNoContext && !huffmanOnly
				&& memory >= DEFLATE_CONTEXT + (clientContext ? INFLATE_CONTEXT : 0);
		StringBuilder response = new StringBuilder(NAME);
		if (!serverContext) {
			response.append("; server_no_context_takeover");
		}
		if (serverBits > 0) {
			response.append("; server_max_window_bits=").append(serverBits);
		}
		if (!clientContext) {
			response.append("; client_no_context_takeover");
		}
		return new PerMessageDeflate(serverContext, clientContext, huffmanOnly, response.toString());
	}

	/** 8 to 15 as a decimal without leading zeros (§7.1.2.1); else -1. */
	private static int windowBits(String value) {
		if (value == null || value.isEmpty() || value.length() > 2 || value.charAt(0) == '0') {
			return -1;
		}
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) < '0' || value.charAt(i) > '9') {
				return -1;
			}
		}
		int bits = Integer.parseInt(value);
		return (bits >= 8 && bits <= 15) ? bits : -1;
	}

	/** A quoted-string's content (RFC 9110 §5.6.4); a token as it is. */
	private static String unquote(String value) {
		if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
			return value;
		}
		StringBuilder out = new StringBuilder();
		for (int i = 1; i < value.length() - 1; i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length() - 1) {
				c = value.charAt(++i);
			}
			out.append(c);
		}
		return out.toString();
	}

	/** Splits at {@code separator} outside quoted strings. */
	private static List<String> split(String text, char separator) {
		List<String> parts = new ArrayList<>();
		boolean quoted = false;
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == '\\' && quoted) {
				i++;
			}
			else if (c == separator && !quoted) {
				parts.add(text.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(text.substring(start));
		parts.removeIf(part -> part.isBlank());
		return parts;
	}

}
