package io.mongoose.net;

// TEMPORARY STUB - replaced by helper branch h-util
import java.net.InetSocketAddress;
public final class PortSpec {
	private PortSpec() {}
	public record Listener(InetSocketAddress address, boolean tls) {}
	public static Listener parse(String spec) {
		boolean tls = spec.endsWith("s");
		String s = tls ? spec.substring(0, spec.length() - 1) : spec;
		int colon = s.lastIndexOf(':');
		String host = colon < 0 ? "0.0.0.0" : s.substring(0, colon);
		int port;
		try { port = Integer.parseInt(colon < 0 ? s : s.substring(colon + 1)); } catch (NumberFormatException e) { throw new IllegalArgumentException("Invalid port '" + spec + "'"); }
		if (port < 0 || port > 65535) throw new IllegalArgumentException("Invalid port '" + spec + "'");
		return new Listener(new InetSocketAddress(host, port), tls);
	}
}
