package io.opencontrol.platform.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Reads the bearer token from the {@code Authorization} header only (RFC 6750 §2.1; never
 * from a query or form parameter), with the same verdicts as Spring's default resolver.
 * The header itself is read by {@link BearerHeader}.
 */
final class AuthorizationHeaderToken implements BearerTokenResolver {

	@Override
	public String resolve(HttpServletRequest request) {
		return BearerHeader.token(request.getHeader(HttpHeaders.AUTHORIZATION));
	}

}
