package io.mongoose.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code access_control_list} option: a comma list of {@code +subnet} (allow) and
 * {@code -subnet} (deny) entries, {@code subnet} being an IPv4 or IPv6 address with an
 * optional {@code /bits} prefix length. Once a list is set, clients are denied unless an
 * entry allows them; the last matching entry wins. IPv4-mapped IPv6 clients
 * ({@code ::ffff:a.b.c.d}) are matched as IPv4. Unlike Mongoose 5.1, a malformed list is
 * refused when it is set (it never means "allow all"), and addresses must be literals (no
 * name lookups).
 */
public final class AccessControlList implements Predicate<InetSocketAddress> {

	private record Rule(boolean allow, byte[] network, int bits) {
	}

	private final List<Rule> rules;

	private AccessControlList(List<Rule> rules) {
		this.rules = rules;
	}

	/**
	 * @throws IllegalArgumentException naming the first malformed entry
	 */
	public static AccessControlList parse(String spec) {
		if (spec == null || spec.isBlank()) {
			throw new IllegalArgumentException("Invalid access_control_list: empty");
		}
		List<Rule> rules = new ArrayList<>();
		for (String raw : spec.split(",", -1)) {
			String entry = raw.trim();
			Rule rule = rule(entry);
			if (rule == null) {
				throw new IllegalArgumentException("Invalid access_control_list entry '" + entry
						+ "': expected +subnet or -subnet, e.g. +192.168.0.0/16 or -::1");
			}
			rules.add(rule);
		}
		return new AccessControlList(List.copyOf(rules));
	}

	private static Rule rule(String entry) {
		if (entry.length() < 2 || (entry.charAt(0) != '+' && entry.charAt(0) != '-')) {
			return null;
		}
		String text = entry.substring(1).trim();
		int slash = text.indexOf('/');
		String address = (slash < 0) ? text : text.substring(0, slash);
		if (address.startsWith("[") && address.endsWith("]")) {
			address = address.substring(1, address.length() - 1);
		}
		byte[] network = literal(address);
		if (network == null) {
			return null;
		}
		int max = network.length * 8;
		int bits = max;
		if (slash >= 0) {
			String b = text.substring(slash + 1);
			if (b.isEmpty() || b.length() > 3 || !b.chars().allMatch(Character::isDigit)) {
				return null;
			}
			bits = Integer.parseInt(b);
			if (bits > max) {
				return null;
			}
		}
		return new Rule(entry.charAt(0) == '+', network, bits);
	}

	/** The bytes of an IP literal (4 or 16), or null; never a DNS lookup. */
	static byte[] literal(String s) {
		if (s.isEmpty()) {
			return null;
		}
		if (s.indexOf(':') < 0) {
			String[] parts = s.split("\\.", -1);
			if (parts.length != 4) {
				return null;
			}
			byte[] out = new byte[4];
			for (int i = 0; i < 4; i++) {
				String p = parts[i];
				if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
					return null;
				}
				int v = Integer.parseInt(p);
				if (v > 255) {
					return null;
				}
				out[i] = (byte) v;
			}
			return out;
		}
		if (!s.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == ':' || ch == '.')) {
			return null;
		}
		try {
			InetAddress a = InetAddress.getByName(s); // a literal: parsed, not looked up
			return canonical(a);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** IPv4 as 4 bytes (also when IPv4-mapped), IPv6 as 16. */
	private static byte[] canonical(InetAddress a) {
		byte[] b = a.getAddress();
		if (a instanceof Inet6Address && isMapped(b)) {
			return new byte[] { b[12], b[13], b[14], b[15] };
		}
		return b;
	}

	private static boolean isMapped(byte[] b) {
		for (int i = 0; i < 10; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
	}

	/** Whether a client at {@code address} may connect. */
	public boolean allows(InetAddress address) {
		byte[] client = canonical(address);
		boolean allowed = false;
		for (Rule rule : this.rules) {
			if (rule.network().length == client.length && matches(rule.network(), rule.bits(), client)) {
				allowed = rule.allow();
			}
		}
		return allowed;
	}

	@Override
	public boolean test(InetSocketAddress remote) {
		return remote != null && remote.getAddress() != null && allows(remote.getAddress());
	}

	private static boolean matches(byte[] network, int bits, byte[] client) {
		int full = bits / 8;
		for (int i = 0; i < full; i++) {
			if (network[i] != client[i]) {
				return false;
			}
		}
		int rest = bits % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (network[full] & mask) == (client[full] & mask);
	}

}
