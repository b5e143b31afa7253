package io.mongoose.benchmarks.peers;

import java.nio.file.Path;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * Netty 4.2 as its guide sets it up: {@code HttpServerCodec} and
 * {@code HttpObjectAggregator} on the NIO transport, one acceptor thread and Netty's
 * default worker count (twice the cores). Static files go out as a
 * {@code DefaultFileRegion} (sendfile); WebSocket clients join a {@code ChannelGroup}
 * that {@code POST /broadcast} writes to.
 */
final class NettyPeer {

	private static final int MAX_BODY = 1 << 20;

	private NettyPeer() {
	}

	static void run(int port, Path dir, boolean deflate) throws InterruptedException {
		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
		ChannelGroup sockets = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
		try {
			ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
				.channel(NioServerSocketChannel.class)
				.childHandler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel ch) {
						ChannelPipeline pipeline = ch.pipeline();
						pipeline.addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY));
						if (deflate) {
							pipeline.addLast(new WebSocketServerCompressionHandler(0));
						}
						pipeline.addLast(new WebSocketServerProtocolHandler("/ws", null, deflate));
						pipeline.addLast(new Routes(dir, sockets));
					}
				});
			Channel listener = bootstrap.bind("127.0.0.1", port).sync().channel();
			Peers.listening("netty", port, dir, deflate);
			listener.closeFuture().sync();
		}
		finally {
			boss.shutdownGracefully();
			workers.shutdownGracefully();
		}
	}

	/** {@code /hello}, {@code /static/*} and {@code /broadcast}; the rest is a 404. */
	private static final class Routes extends SimpleChannelInboundHandler<FullHttpRequest> {

		private final Path dir;

		private final ChannelGroup sockets;

		Routes(Path dir, ChannelGroup sockets) {
			this.dir = dir;
			this.sockets = sockets;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
			if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
				this.sockets.add(ctx.channel()); // a closed channel leaves the group by
													// itself
			}
			super.userEventTriggered(ctx, event);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
			boolean keepAlive = HttpUtil.isKeepAlive(request);
			String uri = request.uri();
			Path file = uri.startsWith("/static/") ? Peers.file(this.dir, uri.substring(8)) : null;
			if (uri.equals("/hello")) {
				reply(ctx, keepAlive, HttpResponseStatus.OK, Peers.HELLO);
			}
			else if (uri.equals("/broadcast") && request.method().equals(HttpMethod.POST)) {
				// the group hands each channel a retained duplicate and releases this one
				this.sockets.writeAndFlush(new TextWebSocketFrame(request.content().retain()));
				reply(ctx, keepAlive, HttpResponseStatus.OK, new byte[0]);
			}
			else if (file != null) {
				sendFile(ctx, keepAlive, file);
			}
			else {
				reply(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, new byte[0]);
			}
		}

		private static void reply(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
				byte[] body) {
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
					Unpooled.wrappedBuffer(body));
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
				.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
			HttpUtil.setKeepAlive(response, keepAlive);
			ChannelFuture written = ctx.writeAndFlush(response);
			if (!keepAlive) {
				written.addListener(ChannelFutureListener.CLOSE);
			}
		}

		private static void sendFile(ChannelHandlerContext ctx, boolean keepAlive, Path file) {
			long length = file.toFile().length();
			HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
				.set(HttpHeaderNames.CONTENT_LENGTH, length);
			HttpUtil.setKeepAlive(response, keepAlive);
			ctx.write(response);
			ctx.write(new DefaultFileRegion(file.toFile(), 0, length));
			ChannelFuture written = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
			if (!keepAlive) {
				written.addListener(ChannelFutureListener.CLOSE);
			}
		}

	}

}
