package io.mongoose.sample;

import io.mongoose.Connection;
import io.mongoose.EventStreamHandler;
import io.mongoose.ServerSentEvent;
import io.mongoose.boot.UriHandler;

/**
 * The page's live figures as Server-Sent Events on {@value #EVENTS}: {@code clock} (the
 * server time, every second, from {@link ClockPusher}) and {@code users} (the number
 * online, from {@link ChatRoom}). A new stream gets both at once; the browser's
 * {@code EventSource} reconnects by itself after a restart.
 */
@UriHandler(LiveEvents.EVENTS)
class LiveEvents implements EventStreamHandler {

	static final String EVENTS = "/events";

	private final ChatRoom room;

	LiveEvents(ChatRoom room) {
		this.room = room;
	}

	@Override
	public void onOpen(Connection c) {
		c.sendEvent(users(this.room.users()));
		c.sendEvent(clock(ChatRoom.now()));
	}

	static ServerSentEvent clock(String time) {
		return ServerSentEvent.of(time).withEvent("clock");
	}

	static ServerSentEvent users(int count) {
		return ServerSentEvent.of(Integer.toString(count)).withEvent("users");
	}

}
