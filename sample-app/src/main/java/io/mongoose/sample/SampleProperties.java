package io.mongoose.sample;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sample's own settings ({@code sample.*}).
 *
 * @param dataDir directory for uploads and the admin passwords file
 * @param historySize chat messages kept for {@code GET /api/messages} and new clients
 * @param adminRealm digest realm of the admin page
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("data") Path dataDir, @DefaultValue("50") int historySize,
		@DefaultValue("mongoose-sample") String adminRealm) {
}
