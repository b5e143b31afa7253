package io.mongoose.client.peers;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
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
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import io.mongoose.test.TestCertificates;

/**
 * Netty 4.2 on one event-loop thread: {@link PeerScript}'s paths over HTTP/1.1 (the codec
 * and an aggregator; responses written piece by piece where the script says so),
 * including the close-delimited one, and the WebSocket echo; optionally over TLS (the
 * JDK's engine) with a given certificate.
 */
final class NettyPeer implements WebSocketPeer {

	private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

	private final Channel listener;

	private final boolean secure;

	private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	private final List<String> frames = new CopyOnWriteArrayList<>();

	private final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();

	private NettyPeer(SslContext tls) throws InterruptedException {
		this.secure = tls != null;
		WebSocketServerProtocolConfig webSocket = WebSocketServerProtocolConfig.newBuilder()
			.websocketPath(PeerScript.ECHO)
			.handleCloseFrames(false)
			.maxFramePayloadLength(4 << 20)
			.build();
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.group)
			.channel(NioServerSocketChannel.class)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					if (tls != null) {
						channel.pipeline().addLast(tls.newHandler(channel.alloc()));
					}
					channel.pipeline()
						.addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
								new WebSocketServerProtocolHandler(webSocket), new Http(), new Echo(), new Quiet());
				}
			});
		this.listener = bootstrap.bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
	}

	static NettyPeer start() throws InterruptedException {
		return new NettyPeer(null);
	}

	/** Over TLS, presenting {@code certificate}. */
	static NettyPeer startTls(TestCertificates.Generated certificate) throws SSLException, InterruptedException {
		return new NettyPeer(SslContextBuilder.forServer(certificate.key(), certificate.certificate())
			.sslProvider(SslProvider.JDK)
			.build());
	}

	@Override
	public int port() {
		return ((InetSocketAddress) this.listener.localAddress()).getPort();
	}

	@Override
	public String scheme() {
		return this.secure ? "https" : "http";
	}

	@Override
	public Set<Integer> clientPorts() {
		return this.clientPorts;
	}

	@Override
	public List<String> frames() {
		return this.frames;
	}

	@Override
	public BlockingQueue<Integer> closeCodes() {
		return this.closeCodes;
	}

	@Override
	public void close() {
		this.listener.close().syncUninterruptibly();
		this.group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
	}

	private static FullHttpResponse full(HttpResponseStatus status, byte[] body, boolean head) {
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
				head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
		response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
		HttpUtil.setContentLength(response, body.length);
		return response;
	}

	private static HttpResponse chunkedHead() {
		HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
		HttpUtil.setTransferEncodingChunked(head, true);
		return head;
	}

	/** Each piece is its own chunk: written and flushed on its own. */
	private static void writeChunked(ChannelHandlerContext ctx, List<byte[]> pieces) {
		ctx.writeAndFlush(chunkedHead());
		for (byte[] piece : pieces) {
			ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(piece)));
		}
		ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
	}

	/** The HTTP paths; WebSocket frames pass on to {@link Echo}. */
	private final class Http extends SimpleChannelInboundHandler<FullHttpRequest> {

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
			NettyPeer.this.clientPorts.add(((InetSocketAddress) ctx.channel().remoteAddress()).getPort());
			boolean head = request.method().equals(HttpMethod.HEAD);
			switch (new QueryStringDecoder(request.uri()).path()) {
				case PeerScript.HELLO ->
					ctx.writeAndFlush(full(HttpResponseStatus.OK, PeerScript.ascii("hello"), head));
				case PeerScript.CHUNKED ->
					writeChunked(ctx, PeerScript.CHUNKS.stream().map(PeerScript::ascii).toList());
				case PeerScript.BIG -> ctx.writeAndFlush(full(HttpResponseStatus.OK, PeerScript.big(), false));
				case PeerScript.BIG_CHUNKED -> writeChunked(ctx, PeerScript.bigPieces());
				case PeerScript.STALL -> {
					// never answered
				}
				case PeerScript.STALL_BODY -> {
					HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
					HttpUtil.setContentLength(response, PeerScript.STALLED_LENGTH);
					ctx.write(response);
					ctx.writeAndFlush(
							new DefaultHttpContent(Unpooled.wrappedBuffer(PeerScript.ascii(PeerScript.STALLED_PART))));
				}
				case PeerScript.EARLY_HINTS -> {
					FullHttpResponse hints = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
							HttpResponseStatus.valueOf(103), Unpooled.EMPTY_BUFFER);
					hints.headers().set("Link", "</style.css>; rel=preload");
					ctx.write(hints);
					ctx.writeAndFlush(full(HttpResponseStatus.OK, PeerScript.ascii("hinted"), false));
				}
				case PeerScript.CLOSE_DELIMITED -> {
					HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
					response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
					ctx.write(response);
					ctx.writeAndFlush(
							new DefaultLastHttpContent(Unpooled.wrappedBuffer(PeerScript.ascii("until the end"))))
						.addListener(ChannelFutureListener.CLOSE);
				}
				default ->
					ctx.writeAndFlush(full(HttpResponseStatus.NOT_FOUND, PeerScript.ascii("no such path"), head));
			}
		}

	}

	/**
	 * Ends the pipeline: a connection that fails (a client that refused the certificate,
	 * or closed in the middle of a reply, as the tests make it) is closed without a stack
	 * trace in the log.
	 */
	private static final class Quiet extends ChannelInboundHandlerAdapter {

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

	/**
	 * The WebSocket echo of one connection (pings are answered by the protocol handler).
	 */
	private final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {

		/** The kind of the message whose fragments arrive: continuations have none. */
		private String kind = "text";

		/** This side sent a close: the client's close is the answer. */
		private boolean closing;

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
			if (frame instanceof CloseWebSocketFrame close) {
				NettyPeer.this.closeCodes.add(close.statusCode());
				if (this.closing) {
					ctx.close();
				}
				else {
					ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), close.reasonText()))
						.addListener(ChannelFutureListener.CLOSE);
				}
				return;
			}
			if (frame instanceof TextWebSocketFrame) {
				this.kind = "text";
			}
			else if (frame instanceof BinaryWebSocketFrame) {
				this.kind = "binary";
			}
			else if (!(frame instanceof ContinuationWebSocketFrame)) {
				return; // a pong
			}
			NettyPeer.this.frames.add(this.kind + " fin=" + frame.isFinalFragment());
			String[] command = (frame instanceof TextWebSocketFrame text && frame.isFinalFragment())
					? PeerScript.closeCommand(text.text()) : null;
			if (command != null) {
				this.closing = true;
				ctx.writeAndFlush(new CloseWebSocketFrame(Integer.parseInt(command[0]), command[1]));
				return;
			}
			ByteBuf payload = frame.content().retainedDuplicate();
			WebSocketFrame echo = (frame instanceof TextWebSocketFrame)
					? new TextWebSocketFrame(frame.isFinalFragment(), 0, payload)
					: (frame instanceof BinaryWebSocketFrame)
							? new BinaryWebSocketFrame(frame.isFinalFragment(), 0, payload)
							: new ContinuationWebSocketFrame(frame.isFinalFragment(), 0, payload);
			ctx.writeAndFlush(echo);
		}

	}

}
