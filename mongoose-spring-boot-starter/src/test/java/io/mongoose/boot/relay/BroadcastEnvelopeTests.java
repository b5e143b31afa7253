package io.mongoose.boot.relay;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

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

}
