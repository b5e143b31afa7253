package io.mongoose;

/**
 * What a WebSocket broadcast achieved.
 *
 * @param reached connections the message was queued for
 * @param skipped connections whose send queue was full (slow readers), left out
 * @param closed slow readers closed instead of skipped
 * ({@code websocket_slow_reader=close})
 */
public record BroadcastResult(int reached, int skipped, int closed) {
}
