package io.mongoose;

/**
 * What a broadcast achieved: WebSocket frames ({@link Server#websocketBroadcast}) or
 * Server-Sent Events ({@link Server#eventBroadcast}).
 *
 * @param reached connections the message was queued for
 * @param skipped connections whose send queue was full (slow readers), left out
 * @param closed slow readers closed instead of skipped
 * ({@code websocket_slow_reader=close}, which event streams follow too)
 */
public record BroadcastResult(int reached, int skipped, int closed) {
}
