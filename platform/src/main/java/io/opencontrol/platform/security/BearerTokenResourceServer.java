package io.opencontrol.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The servlet side of a resource server as OpenControl runs it: stateless, no CSRF (no
 * cookies to ride on), bearer tokens read by the given decoder, roles turned into
 * permissions by {@link TokenRights}, refusals as problem details
 * ({@link TokenRefusals}). Callers add what each request needs.
 */
public final class BearerTokenResourceServer {

	private BearerTokenResourceServer() {
	}

	public static HttpSecurity configure(HttpSecurity http, JwtDecoder decoder) throws Exception {
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.oauth2ResourceServer((server) -> server.bearerTokenResolver(new AuthorizationHeaderToken())
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(new TokenRights()))
				.authenticationEntryPoint(TokenRefusals.unauthenticated())
				.accessDeniedHandler(TokenRefusals.forbidden()))
			.exceptionHandling((handling) -> handling.accessDeniedHandler(TokenRefusals.forbidden()));
	}

}
