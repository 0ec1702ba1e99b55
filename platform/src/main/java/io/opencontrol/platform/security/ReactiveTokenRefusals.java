package io.opencontrol.platform.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;

/**
 * A reactive resource server's refusals, the same problem details as
 * {@link TokenRefusals}: 401 with a Bearer challenge that says no more than
 * {@code invalid_token}, and 403.
 */
public final class ReactiveTokenRefusals {

	private ReactiveTokenRefusals() {
	}

	public static ServerAuthenticationEntryPoint unauthenticated() {
		return (exchange, ex) -> unauthenticated(exchange.getResponse(), ex);
	}

	public static ServerAccessDeniedHandler forbidden() {
		return (exchange, ex) -> forbidden(exchange.getResponse());
	}

	static Mono<Void> unauthenticated(ServerHttpResponse response, Exception ex) {
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, Refusal.challenge(ex));
		return write(response, HttpStatus.UNAUTHORIZED, Refusal.UNAUTHENTICATED);
	}

	static Mono<Void> forbidden(ServerHttpResponse response) {
		return write(response, HttpStatus.FORBIDDEN, Refusal.FORBIDDEN);
	}

	private static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String detail) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(Refusal.body(status, detail))));
	}

}
