package io.opencontrol.platform.security;

import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The resource server's token rules for a handler that answers before Spring Security's
 * filter chain: a service's hot path (inference, heartbeats), where the chain's generic
 * work costs more CPU than the request itself. The token is read, verified and turned
 * into permissions by the same pieces as {@link BearerTokenResourceServer} (the header
 * resolver, the service's {@link JwtDecoder} with its cache of verified tokens,
 * {@link TokenRights}), refusals are the same problem details, and an admitted request's
 * answer gets the headers the chain's header writer would give an API answer.
 */
public final class TokenGate {

	private final AuthorizationHeaderToken resolver = new AuthorizationHeaderToken();

	private final TokenRights rights = new TokenRights();

	private final AuthenticationEntryPoint unauthenticated = TokenRefusals.unauthenticated();

	private final AccessDeniedHandler forbidden = TokenRefusals.forbidden();

	private final JwtDecoder decoder;

	private final Set<String> authorities;

	/**
	 * A gate that admits callers holding any of {@code permissions}.
	 */
	public TokenGate(JwtDecoder decoder, Collection<Permission> permissions) {
		this.decoder = decoder;
		this.authorities = permissions.stream().map(Permission::authority).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * The caller, when its bearer token is valid and grants one of the gate's
	 * permissions; otherwise empty, with the refusal (401 or 403) already written.
	 */
	public Optional<AbstractAuthenticationToken> admit(HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		AbstractAuthenticationToken caller;
		try {
			caller = authenticate(request);
		}
		catch (AuthenticationException ex) {
			this.unauthenticated.commence(request, response, ex);
			return Optional.empty();
		}
		for (GrantedAuthority granted : caller.getAuthorities()) {
			if (this.authorities.contains(granted.getAuthority())) {
				response.setHeader("X-Content-Type-Options", "nosniff");
				response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
				return Optional.of(caller);
			}
		}
		this.forbidden.handle(request, response, new AccessDeniedException("permission missing"));
		return Optional.empty();
	}

	private AbstractAuthenticationToken authenticate(HttpServletRequest request) {
		String token = this.resolver.resolve(request);
		if (token == null) {
			throw new AuthenticationCredentialsNotFoundException("no bearer token");
		}
		try {
			return this.rights.convert(this.decoder.decode(token));
		}
		catch (BadJwtException ex) {
			throw new InvalidBearerTokenException(ex.getMessage(), ex);
		}
	}

}
