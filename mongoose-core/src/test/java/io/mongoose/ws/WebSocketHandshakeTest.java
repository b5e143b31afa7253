package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebSocketHandshakeTest {

	private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

	@Test
	void acceptKeyMatchesTheRfcExample() {
		assertThat(WebSocketHandshake.acceptKey(RFC_KEY)).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
		assertThat(WebSocketHandshake.acceptKey(" " + RFC_KEY + " ")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	}

	@Test
	void keyMustBeBase64OfSixteenBytes() {
		assertThat(WebSocketHandshake.isValidKey(RFC_KEY)).isTrue();
		assertThat(WebSocketHandshake.isValidKey(Base64.getEncoder().encodeToString(new byte[16]))).isTrue();
		assertThat(WebSocketHandshake.isValidKey(Base64.getEncoder().encodeToString(new byte[15]))).isFalse();
		assertThat(WebSocketHandshake.isValidKey(Base64.getEncoder().encodeToString(new byte[17]))).isFalse();
		assertThat(WebSocketHandshake.isValidKey("dGhlIHNhbXBsZSBub25jZQ")).as("unpadded").isFalse();
		assertThat(WebSocketHandshake.isValidKey("dGhlIHNhbXBsZSBub25jZ!==")).as("bad char").isFalse();
		assertThat(WebSocketHandshake.isValidKey("")).isFalse();
		assertThat(WebSocketHandshake.isValidKey(null)).isFalse();
	}

	@Test
	void tokensAreSplitTrimmedAndMatchedIgnoringCase() {
		assertThat(WebSocketHandshake.parseTokens("keep-alive, Upgrade")).containsExactly("keep-alive", "Upgrade");
		assertThat(WebSocketHandshake.parseTokens(" chat ,, superchat,")).containsExactly("chat", "superchat");
		assertThat(WebSocketHandshake.parseTokens(null)).isEmpty();
		assertThat(WebSocketHandshake.containsToken("keep-alive, Upgrade", "upgrade")).isTrue();
		assertThat(WebSocketHandshake.containsToken("keep-alive,UPGRADE", "upgrade")).isTrue();
		assertThat(WebSocketHandshake.containsToken("keep-alive, Upgraded", "upgrade")).isFalse();
		assertThat(WebSocketHandshake.containsToken(null, "upgrade")).isFalse();
	}

	@Test
	void upgradeRequestNeedsEveryPart() {
		assertThat(WebSocketHandshake.isUpgradeRequest("GET", "WebSocket", "keep-alive, Upgrade", "13", RFC_KEY))
			.isTrue();
		assertThat(WebSocketHandshake.isUpgradeRequest("POST", "websocket", "Upgrade", "13", RFC_KEY)).isFalse();
		assertThat(WebSocketHandshake.isUpgradeRequest("GET", null, "Upgrade", "13", RFC_KEY)).isFalse();
		assertThat(WebSocketHandshake.isUpgradeRequest("GET", "websocket", "keep-alive", "13", RFC_KEY)).isFalse();
		assertThat(WebSocketHandshake.isUpgradeRequest("GET", "websocket", "Upgrade", "8", RFC_KEY)).isFalse();
		assertThat(WebSocketHandshake.isUpgradeRequest("GET", "websocket", "Upgrade", "13", "short")).isFalse();
	}

}
