package io.mongoose.boot.autoconfigure;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.Ordered;

import io.mongoose.Server;
import io.mongoose.boot.MongooseServerCustomizer;

/**
 * Serves TLS listening ports with the SSL bundle named by {@code mongoose.ssl.bundle}; an
 * updated bundle is used for connections accepted after the update.
 */
final class SslBundleCustomizer implements MongooseServerCustomizer, Ordered {

	private final SslBundles bundles;

	private final String name;

	SslBundleCustomizer(SslBundles bundles, String name) {
		this.bundles = bundles;
		this.name = name;
	}

	@Override
	public void customize(Server server) {
		SslBundle bundle = this.bundles.getBundle(this.name);
		server.setSslContext(bundle.createSslContext());
		this.bundles.addBundleUpdateHandler(this.name, (updated) -> server.eventManager()
			.execute(() -> server.setSslContext(updated.createSslContext())));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
