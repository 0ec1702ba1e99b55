package io.opencontrol.auth.access;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public client of the OpenControl CLI.
 *
 * @param clientId its client id
 * @param redirectUris where the authorization-code flow may return, loopback addresses
 * only
 */
@ConfigurationProperties("opencontrol.auth.cli")
record CliClientProperties(@DefaultValue("opencontrol-cli") String clientId,
		@DefaultValue("http://127.0.0.1:8765/callback") List<URI> redirectUris) {

	static final String SCOPE = "opencontrol";

	CliClientProperties {
		for (URI uri : redirectUris) {
			if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost())) {
				throw new IllegalArgumentException(
						"opencontrol.auth.cli.redirect-uris must be http://127.0.0.1 loopback addresses, was " + uri);
			}
		}
	}

}
