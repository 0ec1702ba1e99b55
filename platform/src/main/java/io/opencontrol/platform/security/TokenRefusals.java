package io.opencontrol.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A servlet resource server's refusals as problem details: 401 with a Bearer challenge
 * that says no more than {@code invalid_token}, and 403.
 */
public final class TokenRefusals {

	private TokenRefusals() {
	}

	public static AuthenticationEntryPoint unauthenticated() {
		return (request, response, ex) -> {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
					(ex instanceof InvalidBearerTokenException) ? "Bearer error=\"invalid_token\"" : "Bearer");
			write(response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required.");
		};
	}

	public static AccessDeniedHandler forbidden() {
		return (request, response, ex) -> write(response, HttpStatus.FORBIDDEN,
				"The token does not grant this operation.");
	}

	private static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		// Fixed texts only, so the body is safe to assemble by hand.
		String body = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + detail + "\"}";
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
	}

}
