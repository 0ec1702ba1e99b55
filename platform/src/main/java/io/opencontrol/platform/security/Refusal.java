package io.opencontrol.platform.security;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * What a resource server says when it refuses a request, whichever web stack it runs on
 * ({@link TokenRefusals}, {@link ReactiveTokenRefusals}).
 */
final class Refusal {

	static final String UNAUTHENTICATED = "A valid bearer token is required.";

	static final String FORBIDDEN = "The token does not grant this operation.";

	private Refusal() {
	}

	/**
	 * The Bearer challenge: no more than {@code invalid_token}; the reason stays in logs.
	 */
	static String challenge(Exception ex) {
		return (ex instanceof InvalidBearerTokenException) ? "Bearer error=\"invalid_token\"" : "Bearer";
	}

	/** The problem detail's body. */
	static byte[] body(HttpStatus status, String detail) {
		// Fixed texts only, so the body is safe to assemble by hand.
		String body = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + detail + "\"}";
		return body.getBytes(StandardCharsets.UTF_8);
	}

}
