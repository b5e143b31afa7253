package io.mongoose.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the {@code listening_port} option: {@code PORT}, {@code IPv4:PORT} or
 * {@code [IPv6]:PORT}, each optionally followed by {@code s} for TLS, comma-separated.
 *
 * <p>
 * Only IP literals are accepted, never host names: parsing a configuration value must not
 * trigger a DNS lookup. A bare port binds all IPv4 interfaces (0.0.0.0). Port 0 asks the
 * OS for an ephemeral port (the C 5.1 parser rejected it; its successors accept it).
 */
public final class PortSpec {

	/** One listening socket to open. */
	public record Listener(InetSocketAddress address, boolean tls) {
	}

	private PortSpec() {
	}

	/** Parses a comma-separated list; blanks around entries are ignored. */
	public static List<Listener> parseList(String spec) {
		if (spec == null || spec.isBlank()) {
			throw new IllegalArgumentException("Invalid listening_port '" + spec + "': empty");
		}
		List<Listener> result = new ArrayList<>();
		for (String part : spec.split(",", -1)) {
			result.add(parse(part.trim()));
		}
		return List.copyOf(result);
	}

	/**
	 * Parses one entry.
	 * @throws IllegalArgumentException with a message naming the bad part
	 */
	public static Listener parse(String spec) {
		if (spec == null || spec.isEmpty()) {
			throw new IllegalArgumentException("Invalid port '': empty");
		}
		String s = spec;
		boolean tls = false;
		if (s.endsWith("s")) {
			tls = true;
			s = s.substring(0, s.length() - 1);
		}
		InetAddress host;
		String port;
		if (s.startsWith("[")) {
			int close = s.indexOf(']');
			if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
				throw new IllegalArgumentException("Invalid listening address '" + spec + "', expected [IPv6]:port");
			}
			host = ipv6(s.substring(1, close), spec);
			port = s.substring(close + 2);
		}
		else {
			int colon = s.lastIndexOf(':');
			if (colon >= 0) {
				host = ipv4(s.substring(0, colon), spec);
				port = s.substring(colon + 1);
			}
			else {
				host = anyAddress();
				port = s;
			}
		}
		return new Listener(new InetSocketAddress(host, port(port, spec)), tls);
	}

	private static int port(String digits, String spec) {
		if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(PortSpec::isDigit)) {
			throw new IllegalArgumentException("Invalid port '" + spec + "'");
		}
		int port = Integer.parseInt(digits);
		if (port > 65535) {
			throw new IllegalArgumentException("Invalid port '" + spec + "': out of range 0-65535");
		}
		return port;
	}

	private static InetAddress ipv4(String text, String spec) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			throw new IllegalArgumentException("Invalid IPv4 address in '" + spec + "'");
		}
		byte[] addr = new byte[4];
		for (int i = 0; i < 4; i++) {
			String p = parts[i];
			if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(PortSpec::isDigit) || Integer.parseInt(p) > 255) {
				throw new IllegalArgumentException("Invalid IPv4 address in '" + spec + "'");
			}
			addr[i] = (byte) Integer.parseInt(p);
		}
		try {
			return InetAddress.getByAddress(addr);
		}
		catch (UnknownHostException e) {
			throw new IllegalArgumentException("Invalid IPv4 address in '" + spec + "'", e);
		}
	}

	private static InetAddress ipv6(String text, String spec) {
		// Characters are checked first so getByName can only parse a literal, never
		// resolve.
		boolean literal = !text.isEmpty() && text.indexOf(':') >= 0
				&& text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
		if (literal) {
			try {
				return InetAddress.getByName("[" + text + "]");
			}
			catch (UnknownHostException e) {
				// fall through
			}
		}
		throw new IllegalArgumentException("Invalid IPv6 address in '" + spec + "'");
	}

	private static InetAddress anyAddress() {
		try {
			return InetAddress.getByAddress(new byte[4]);
		}
		catch (UnknownHostException e) {
			throw new IllegalStateException(e);
		}
	}

	private static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

}
