package io.mongoose.sample;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The sample's own settings ({@code sample.*}).
 *
 * @param dataDir directory for uploads, the admin passwords file and the chat database
 * @param historySize chat messages kept for {@code GET /api/messages} and new clients
 * @param adminRealm digest realm of the admin page
 * @param upload limits of {@code /upload}
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("data") Path dataDir, @DefaultValue("50") int historySize,
		@DefaultValue("mongoose-sample") String adminRealm, @DefaultValue Upload upload) {

	/**
	 * Upload quotas, each answered with 413 when exceeded.
	 *
	 * @param maxFileSize largest single uploaded file
	 * @param maxTotalSize most bytes all stored uploads may take together
	 */
	public record Upload(@DefaultValue("2MB") DataSize maxFileSize, @DefaultValue("50MB") DataSize maxTotalSize) {
	}

}
