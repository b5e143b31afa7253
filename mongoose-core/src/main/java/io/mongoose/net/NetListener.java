package io.mongoose.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;

/**
 * A listening socket registered with one {@link EventManager}. The same socket may be
 * registered with several managers (one per IO thread); whichever accepts first owns the
 * client.
 */
public final class NetListener {

	final ServerSocketChannel channel;

	final SelectionKey key;

	final EventHandler handler;

	private final boolean owned;

	/** Wraps each accepted socket in TLS; {@code null} for a plain listener. */
	final Transport.Factory transports;

	NetListener(ServerSocketChannel channel, SelectionKey key, EventHandler handler, boolean owned,
			Transport.Factory transports) {
		this.channel = channel;
		this.key = key;
		this.handler = handler;
		this.owned = owned;
		this.transports = transports;
	}

	/** Whether accepted connections speak TLS. */
	public boolean isSecure() {
		return this.transports != null;
	}

	public ServerSocketChannel channel() {
		return this.channel;
	}

	public InetSocketAddress localAddress() {
		try {
			return (InetSocketAddress) this.channel.getLocalAddress();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** Stops accepting here; closes the socket only if this manager opened it. */
	void close() {
		this.key.cancel();
		if (this.owned) {
			try {
				this.channel.close();
			}
			catch (IOException ignored) {
				// the socket is gone either way
			}
		}
	}

}
