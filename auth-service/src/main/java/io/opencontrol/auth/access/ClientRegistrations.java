package io.opencontrol.auth.access;

import java.time.Duration;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers machine clients (robots, services) for the client-credentials grant together
 * with the rights their tokens carry. The secret is stored only as a hash.
 */
@Service
public class ClientRegistrations {

	private final RegisteredClientRepository clients;

	private final ClientAccessRepository access;

	private final PasswordEncoder passwordEncoder;

	ClientRegistrations(RegisteredClientRepository clients, ClientAccessRepository access,
			PasswordEncoder passwordEncoder) {
		this.clients = clients;
		this.access = access;
		this.passwordEncoder = passwordEncoder;
	}

	/**
	 * Creates the client, or replaces the secret, lifetime and rights of an existing one.
	 */
	@Transactional
	public void registerMachineClient(String clientId, String name, String rawSecret, Duration tokenTimeToLive,
			ClientAccess rights) {
		RegisteredClient existing = this.clients.findByClientId(clientId);
		RegisteredClient client = RegisteredClient
			.withId((existing != null) ? existing.getId() : UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName(name)
			.clientSecret(this.passwordEncoder.encode(rawSecret))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
				.accessTokenTimeToLive(tokenTimeToLive)
				.build())
			.build();
		this.clients.save(client);
		this.access.save(clientId, rights);
	}

}
