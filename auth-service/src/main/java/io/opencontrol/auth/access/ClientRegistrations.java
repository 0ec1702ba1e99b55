package io.opencontrol.auth.access;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
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

	private static final SecureRandom RANDOM = new SecureRandom();

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
	 * Creates a new client with a generated secret, which is returned once and stored
	 * only as a hash.
	 */
	@Transactional
	public String createMachineClient(String clientId, String name, Duration tokenTimeToLive, ClientAccess rights) {
		if (this.clients.findByClientId(clientId) != null) {
			throw new ClientAlreadyExists(clientId);
		}
		String secret = newSecret();
		try {
			registerMachineClient(clientId, name, secret, tokenTimeToLive, rights);
		}
		catch (DuplicateKeyException ex) {
			// Another request created the same client between the check above and this
			// insert.
			throw new ClientAlreadyExists(clientId);
		}
		return secret;
	}

	public List<MachineClient> list() {
		return this.access.list();
	}

	/** The client gets no more tokens; the ones it holds expire within their lifetime. */
	@Transactional
	public void disable(String clientId) {
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null || !this.access.disable(clientId)) {
			throw new NoSuchAccount("client", clientId);
		}
		this.clients.save(RegisteredClient.from(client).clientSecretExpiresAt(Instant.now()).build());
	}

	private static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
