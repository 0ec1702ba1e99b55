package io.opencontrol.auth.access;

import java.util.UUID;

import io.opencontrol.auth.server.AuthProperties;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Keeps the public client people use, the OpenControl CLI, registered as configured: no
 * secret (it cannot keep one), authorization code with PKCE required, and the device-code
 * grant for terminals without a browser.
 */
@Component
@EnableConfigurationProperties(CliClientProperties.class)
class PublicClients implements ApplicationRunner {

	private final RegisteredClientRepository clients;

	private final CliClientProperties cli;

	private final AuthProperties auth;

	PublicClients(RegisteredClientRepository clients, CliClientProperties cli, AuthProperties auth) {
		this.clients = clients;
		this.cli = cli;
		this.auth = auth;
	}

	@Override
	public void run(ApplicationArguments args) {
		RegisteredClient existing = this.clients.findByClientId(this.cli.clientId());
		RegisteredClient.Builder client = RegisteredClient
			.withId((existing != null) ? existing.getId() : UUID.randomUUID().toString())
			.clientId(this.cli.clientId())
			.clientName("OpenControl CLI")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
			.scope(CliClientProperties.SCOPE)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
				.accessTokenTimeToLive(this.auth.accessTokenTimeToLive())
				.build());
		this.cli.redirectUris().forEach((uri) -> client.redirectUri(uri.toString()));
		this.clients.save(client.build());
	}

}
