package io.opencontrol.auth.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.opencontrol.auth.access.ClientAccess;
import io.opencontrol.auth.access.ClientAccessRepository;
import io.opencontrol.auth.access.Users;
import io.opencontrol.auth.keys.SigningKeys;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts the OpenControl claims into every access token: {@code roles}, {@code fleets},
 * {@code robot_id} for robots, the audience, and the {@code kid} of the active signing
 * key. A machine's rights come from its client, a person's from their account. A disabled
 * or unknown principal gets no token at all rather than a token without rights.
 */
@Component
class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final ClientAccessRepository access;

	private final Users users;

	private final SigningKeys keys;

	private final AuthProperties properties;

	AccessTokenClaims(ClientAccessRepository access, Users users, SigningKeys keys, AuthProperties properties) {
		this.access = access;
		this.users = users;
		this.keys = keys;
		this.properties = properties;
	}

	/**
	 * A machine's rights come with its client; a person's with its account, whatever
	 * client it used.
	 */
	private Optional<ClientAccess> rightsOf(JwtEncodingContext context) {
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			return this.access.findEnabled(context.getRegisteredClient().getClientId());
		}
		return this.users.rightsOf(context.getPrincipal().getName());
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		ClientAccess rights = rightsOf(context).orElseThrow(() -> new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, "No OpenControl roles for this principal", null)));
		context.getJwsHeader().keyId(this.keys.activeKeyId());
		context.getClaims()
			.audience(new ArrayList<>(List.of(this.properties.audience())))
			// Plain ArrayLists: the stored authorization is read back through Jackson's
			// type allowlist,
			// which refuses the JDK's immutable list classes.
			.claim("roles", new ArrayList<>(rights.roles()))
			.claim("fleets", new ArrayList<>(rights.fleets()));
		if (rights.robotId() != null) {
			context.getClaims().claim("robot_id", rights.robotId());
		}
	}

}
