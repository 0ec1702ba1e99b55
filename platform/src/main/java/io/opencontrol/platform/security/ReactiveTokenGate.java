package io.opencontrol.platform.security;

import java.util.Collection;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * {@link TokenGate} for a reactive service's hot path: a handler that answers before
 * Spring Security's web filter chain. The same rules as the chain's resource server (the
 * {@code Authorization} header only, the service's {@link ReactiveJwtDecoder} with its
 * cache of verified tokens, {@link TokenRights}), the same refusals
 * ({@link ReactiveTokenRefusals}), and an admitted request's answer gets the headers the
 * chain's header writer would give an API answer.
 */
public final class ReactiveTokenGate {

	private final TokenRights rights = new TokenRights();

	private final ReactiveJwtDecoder decoder;

	private final Set<String> authorities;

	/**
	 * A gate that admits callers holding any of {@code permissions}.
	 */
	public ReactiveTokenGate(ReactiveJwtDecoder decoder, Collection<Permission> permissions) {
		this.decoder = decoder;
		this.authorities = permissions.stream().map(Permission::authority).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Answers the request with {@code admitted} when its bearer token is valid and grants
	 * one of the gate's permissions; otherwise writes the refusal, 401 or 403.
	 */
	public Mono<Void> admit(ServerHttpRequest request, ServerHttpResponse response,
			Function<AbstractAuthenticationToken, Mono<Void>> admitted) {
		String token;
		try {
			token = BearerHeader.token(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
		}
		catch (OAuth2AuthenticationException ex) {
			return ReactiveTokenRefusals.unauthenticated(response, new InvalidBearerTokenException(ex.getMessage()));
		}
		if (token == null) {
			return ReactiveTokenRefusals.unauthenticated(response,
					new AuthenticationCredentialsNotFoundException("no bearer token"));
		}
		return this.decoder.decode(token)
			.map(this.rights::convert)
			.map((caller) -> permitted(caller) ? answer(response, caller, admitted)
					: ReactiveTokenRefusals.forbidden(response))
			// As the chain's resource server: a token that cannot be verified, for
			// whatever reason, is a 401; only a bad token says invalid_token.
			.onErrorResume(JwtException.class,
					(ex) -> Mono.just(ReactiveTokenRefusals.unauthenticated(response,
							(ex instanceof BadJwtException) ? new InvalidBearerTokenException(ex.getMessage(), ex)
									: new AuthenticationServiceException(ex.getMessage(), ex))))
			.flatMap(Function.identity());
	}

	private boolean permitted(AbstractAuthenticationToken caller) {
		for (GrantedAuthority granted : caller.getAuthorities()) {
			if (this.authorities.contains(granted.getAuthority())) {
				return true;
			}
		}
		return false;
	}

	private static Mono<Void> answer(ServerHttpResponse response, AbstractAuthenticationToken caller,
			Function<AbstractAuthenticationToken, Mono<Void>> admitted) {
		response.getHeaders().set("X-Content-Type-Options", "nosniff");
		response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
		return admitted.apply(caller);
	}

}
