package io.opencontrol.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, Refusal.challenge(ex));
			write(response, HttpStatus.UNAUTHORIZED, Refusal.UNAUTHENTICATED);
		};
	}

	public static AccessDeniedHandler forbidden() {
		return (request, response, ex) -> write(response, HttpStatus.FORBIDDEN, Refusal.FORBIDDEN);
	}

	private static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(Refusal.body(status, detail));
	}

}
