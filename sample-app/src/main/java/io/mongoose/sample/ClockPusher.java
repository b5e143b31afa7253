package io.mongoose.sample;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.mongoose.boot.ConnectionBroadcaster;

/**
 * Pushes the server time to every chat client and every {@code /events} stream once a
 * second (the original's push example): a scheduler thread hands the message to the IO
 * thread through the broadcaster. Local only: in a cluster every instance ticks for its
 * own clients, so a relayed tick would arrive twice.
 */
@Component
class ClockPusher {

	private final ConnectionBroadcaster broadcaster;

	ClockPusher(ConnectionBroadcaster broadcaster) {
		this.broadcaster = broadcaster;
	}

	@Scheduled(fixedRate = 1000)
	void tick() {
		String now = ChatRoom.now();
		this.broadcaster.local().under(ChatRoom.CHAT).sendJson(new Clock("clock", now));
		this.broadcaster.local().under(LiveEvents.EVENTS).sendEvent(LiveEvents.clock(now));
	}

	record Clock(String type, String time) {
	}

}
