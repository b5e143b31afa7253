package io.mongoose.benchmarks.peers;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;

/**
 * WebSocket clients on one Netty event loop, opened with a bounded number of handshakes
 * in flight. Every text message a client receives is counted in the current
 * {@link Receipts}.
 */
final class ClientGroup {

	private final Bootstrap bootstrap;

	private final URI uri;

	private final Set<Channel> open = ConcurrentHashMap.newKeySet();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicInteger deflated = new AtomicInteger();

	private volatile Receipts receipts;

	private volatile Semaphore slots;

	ClientGroup(EventLoopGroup loop, URI uri, boolean deflate, int timeoutMillis) {
		WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(uri)
			.allowExtensions(deflate)
			.handshakeTimeoutMillis(timeoutMillis)
			.build();
		this.uri = uri;
		this.bootstrap = new Bootstrap().group(loop)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					ChannelPipeline pipeline = ch.pipeline();
					pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(8192), new ExtensionProbe());
					if (deflate) {
						pipeline.addLast(new WebSocketClientCompressionHandler(0));
					}
					pipeline.addLast(new WebSocketClientProtocolHandler(config), new Receiver());
				}
			});
	}

	/**
	 * Opens {@code count} clients, at most {@code inFlight} handshakes at a time.
	 * @return how many are open now
	 */
	int open(int count, int inFlight, long timeoutMillis) throws InterruptedException {
		Semaphore slots = new Semaphore(inFlight);
		this.slots = slots; // read by each new channel's Receiver
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		for (int i = 0; i < count; i++) {
			if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				break;
			}
			this.bootstrap.connect(this.uri.getHost(), this.uri.getPort()).addListener((ChannelFuture connect) -> {
				if (!connect.isSuccess()) { // never active: no event reaches the Receiver
					Receiver receiver = connect.channel().pipeline().get(Receiver.class);
					if (receiver != null) {
						receiver.fail();
					}
					else { // not even initialised
						this.failed.incrementAndGet();
						slots.release();
					}
				}
			});
		}
		// every handshake has succeeded or failed once all the slots are back
		slots.tryAcquire(inFlight, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		return this.open.size();
	}

	int size() {
		return this.open.size();
	}

	int failed() {
		return this.failed.get();
	}

	/** Clients whose upgrade reply accepted {@code permessage-deflate}. */
	int deflated() {
		return this.deflated.get();
	}

	void receiveInto(Receipts receipts) {
		this.receipts = receipts;
	}

	void close(long timeoutMillis) {
		List<Channel> all = new ArrayList<>(this.open); // closing ones leave the set
		for (Channel channel : all) {
			channel.close();
		}
		for (Channel channel : all) {
			channel.closeFuture().awaitUninterruptibly(timeoutMillis);
		}
	}

	/** Notes whether the upgrade reply accepted compression, then leaves the pipeline. */
	private final class ExtensionProbe extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof FullHttpResponse response) {
				String extensions = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, "");
				if (extensions.contains("permessage-deflate")) {
					ClientGroup.this.deflated.incrementAndGet();
				}
				ctx.pipeline().remove(this);
			}
			ctx.fireChannelRead(msg);
		}

	}

	/** Counts messages; gives the handshake's slot back once it succeeded or failed. */
	private final class Receiver extends SimpleChannelInboundHandler<TextWebSocketFrame> {

		private final Semaphore slot = ClientGroup.this.slots;

		private final AtomicBoolean settled = new AtomicBoolean();

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
			if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
				ClientGroup.this.open.add(ctx.channel());
				settle();
			}
			else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
				fail();
			}
			super.userEventTriggered(ctx, event);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
			Receipts current = ClientGroup.this.receipts;
			if (current != null && Payload.phase(frame.content()) == current.phase()) {
				current.record(Payload.seq(frame.content()));
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) throws Exception {
			ClientGroup.this.open.remove(ctx.channel());
			fail();
			super.channelInactive(ctx);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			fail();
			ctx.close();
		}

		/** A client that closes before its handshake completed is a failure. */
		void fail() {
			if (!this.settled.get()) {
				ClientGroup.this.failed.incrementAndGet();
			}
			settle();
		}

		private void settle() {
			if (this.slot != null && this.settled.compareAndSet(false, true)) {
				this.slot.release();
			}
		}

	}

}
