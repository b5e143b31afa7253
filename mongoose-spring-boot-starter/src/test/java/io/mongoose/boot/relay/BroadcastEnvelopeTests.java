package io.mongoose.boot.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.mongoose.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BroadcastEnvelope}.
 */
class BroadcastEnvelopeTests {

	@Test
	void textToAllRoundTrips() {
		BroadcastEnvelope envelope = new BroadcastEnvelope("instance-1",
				new RelayedBroadcast(null, RelayedBroadcast.TEXT, "héllo ✓".getBytes(StandardCharsets.UTF_8)));
		assertThat(BroadcastEnvelope.decode(envelope.encode())).isEqualTo(envelope);
	}

	@Test
	void binaryUnderAPrefixRoundTripsEveryByteValue() {
		byte[] payload = new byte[256];
		for (int i = 0; i < payload.length; i++) {
			payload[i] = (byte) i;
		}
		BroadcastEnvelope envelope = new BroadcastEnvelope("b",
				new RelayedBroadcast("/chat/ü", RelayedBroadcast.BINARY, payload));
		BroadcastEnvelope decoded = BroadcastEnvelope.decode(envelope.encode());
		assertThat(decoded.origin()).isEqualTo("b");
		assertThat(decoded.broadcast().uriPrefix()).isEqualTo("/chat/ü");
		assertThat(decoded.broadcast().opcode()).isEqualTo(RelayedBroadcast.BINARY);
		assertThat(decoded.broadcast().payload()).isEqualTo(payload);
	}

	@Test
	void emptyPrefixAndEmptyPayloadAreKeptApartFromNone() {
		BroadcastEnvelope envelope = new BroadcastEnvelope("a",
				new RelayedBroadcast("", RelayedBroadcast.TEXT, new byte[0]));
		assertThat(BroadcastEnvelope.decode(envelope.encode()).broadcast().uriPrefix()).isEmpty();
	}

	@Test
	void foreignOrDamagedMessagesAreRejected() {
		byte[] good = new BroadcastEnvelope("a", new RelayedBroadcast(null, RelayedBroadcast.TEXT, new byte[] { 1, 2 }))
			.encode();
		assertThatIllegalArgumentException().isThrownBy(() -> BroadcastEnvelope.decode("hello".getBytes()))
			.withMessageContaining("Not a Mongoose broadcast envelope");
		assertThatIllegalArgumentException().isThrownBy(() -> BroadcastEnvelope.decode(new byte[0]));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BroadcastEnvelope.decode(Arrays.copyOf(good, good.length - 1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BroadcastEnvelope.decode(Arrays.copyOf(good, good.length + 1)))
			.withMessageContaining("Trailing bytes");
		byte[] version2 = good.clone();
		version2[1] = 2;
		assertThatIllegalArgumentException().isThrownBy(() -> BroadcastEnvelope.decode(version2))
			.withMessageContaining("version 2");
		byte[] pingOpcode = good.clone();
		pingOpcode[2] = 9;
		assertThatIllegalArgumentException().isThrownBy(() -> BroadcastEnvelope.decode(pingOpcode))
			.withMessageContaining("'opcode'");
	}

	@Test
	void aServerSentEventRoundTripsWithEveryFieldOrNone() {
		for (ServerSentEvent event : new ServerSentEvent[] {
				ServerSentEvent.of("a\nb ✓").withId("7").withEvent("clock").withRetry(Duration.ofSeconds(3)),
				ServerSentEvent.of(""), new ServerSentEvent("only-id", null, null, null) }) {
			BroadcastEnvelope envelope = new BroadcastEnvelope("a", RelayedBroadcast.ofEvent("/events", event));
			BroadcastEnvelope decoded = BroadcastEnvelope.decode(envelope.encode());
			assertThat(decoded.broadcast().opcode()).isEqualTo(RelayedBroadcast.EVENT);
			assertThat(decoded.broadcast().uriPrefix()).isEqualTo("/events");
			assertThat(decoded.broadcast().event()).isEqualTo(event);
		}
	}

	@Test
	void anEventThatDoesNotDecodeIsRefused() {
		byte[] payload = RelayedBroadcast.ofEvent(null, ServerSentEvent.of("x")).payload();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RelayedBroadcast(null, RelayedBroadcast.EVENT, Arrays.copyOf(payload, 5)));
		byte[] badId = RelayedBroadcast.ofEvent(null, ServerSentEvent.of("x").withId("ab")).payload();
		badId[4] = '\n'; // the id would break the stream's framing
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RelayedBroadcast(null, RelayedBroadcast.EVENT, badId));
	}

}
