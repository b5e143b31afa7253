package io.mongoose.boot.autoconfigure;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.Ordered;

import io.mongoose.Server;
import io.mongoose.boot.MongooseServerCustomizer;

/**
 * Serves TLS listening ports with the SSL bundle named by {@code mongoose.ssl.bundle}; an
 * updated bundle is used for connections accepted after the update. With
 * {@code mongoose.ssl.client-auth}, client certificates are checked against the bundle's
 * trust store, which must then exist: without one the JDK's public CAs would vouch for
 * any client.
 */
final class SslBundleCustomizer implements MongooseServerCustomizer, Ordered {

	private final SslBundles bundles;

	private final String name;

	private final boolean clientAuth;

	SslBundleCustomizer(SslBundles bundles, String name, boolean clientAuth) {
		this.bundles = bundles;
		this.name = name;
		this.clientAuth = clientAuth;
	}

	@Override
	public void customize(Server server) {
		SslBundle bundle = this.bundles.getBundle(this.name);
		if (this.clientAuth && bundle.getStores().getTrustStore() == null) {
			throw new IllegalStateException("mongoose.ssl.client-auth needs a trust store in SSL bundle '" + this.name
					+ "' (spring.ssl.bundle.*." + this.name + ".truststore)");
		}
		server.setSslContext(bundle.createSslContext());
		this.bundles.addBundleUpdateHandler(this.name,
				(updated) -> server.execute(() -> server.setSslContext(updated.createSslContext())));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
