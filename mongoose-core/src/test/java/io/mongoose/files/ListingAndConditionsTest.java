package io.mongoose.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pure helpers of the file layer. */
class ListingAndConditionsTest {

	@Test
	void sizesAreFormattedAsTheOriginal() {
		assertThat(DirectoryListing.size(0)).isEqualTo("0");
		assertThat(DirectoryListing.size(1023)).isEqualTo("1023");
		assertThat(DirectoryListing.size(1024)).isEqualTo("1.0k");
		assertThat(DirectoryListing.size(1536)).isEqualTo("1.5k");
		assertThat(DirectoryListing.size(5L * 1024 * 1024)).isEqualTo("5.0M");
		assertThat(DirectoryListing.size(3L * 1024 * 1024 * 1024 / 2)).isEqualTo("1.5G");
	}

	@Test
	void htmlEscaping() {
		assertThat(Markup.escape("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
	}

	@Test
	void entityTagLists() {
		assertThat(ConditionalRequests.matchesAny("\"a\", \"b\"", "\"b\"", false)).isTrue();
		assertThat(ConditionalRequests.matchesAny("W/\"b\"", "\"b\"", false)).isTrue();
		assertThat(ConditionalRequests.matchesAny("W/\"b\"", "\"b\"", true)).isFalse();
		assertThat(ConditionalRequests.matchesAny("*", "\"b\"", true)).isTrue();
		assertThat(ConditionalRequests.matchesAny("\"bb\"", "\"b\"", false)).isFalse();
	}

}
