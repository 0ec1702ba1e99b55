package io.opencontrol.auth.server;

import java.util.List;

import io.opencontrol.auth.access.ClientAccess;
import io.opencontrol.auth.access.ClientAccessRepository;
import io.opencontrol.auth.keys.SigningKeys;

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
 * key. A client without stored access gets no token at all rather than a token without
 * rights.
 */
@Component
class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final ClientAccessRepository access;

	private final SigningKeys keys;

	private final AuthProperties properties;

	AccessTokenClaims(ClientAccessRepository access, SigningKeys keys, AuthProperties properties) {
		this.access = access;
		this.keys = keys;
		this.properties = properties;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		String clientId = context.getRegisteredClient().getClientId();
		ClientAccess rights = this.access.findByClientId(clientId)
			.orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
					"The client has no OpenControl roles", null)));
		context.getJwsHeader().keyId(this.keys.activeKeyId());
		context.getClaims()
			.audience(List.of(this.properties.audience()))
			.claim("roles", rights.roles())
			.claim("fleets", rights.fleets());
		if (rights.robotId() != null) {
			context.getClaims().claim("robot_id", rights.robotId());
		}
	}

}
