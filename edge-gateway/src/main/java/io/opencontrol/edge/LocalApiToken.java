package io.opencontrol.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The local API's optional token ({@code opencontrol.edge.local-api.token}): for robots
 * whose loopback is shared with software that should not drive the robot. Every call but
 * the health probes then needs {@code Authorization: Bearer <token>}.
 */
@Component
@ConditionalOnProperty("opencontrol.edge.local-api.token")
class LocalApiToken extends OncePerRequestFilter {

	private static final int SHORTEST = 16;

	private final byte[] expected;

	LocalApiToken(Environment environment) {
		String token = environment.getRequiredProperty("opencontrol.edge.local-api.token");
		if (token.length() < SHORTEST) {
			throw new IllegalArgumentException(
					"opencontrol.edge.local-api.token must be at least " + SHORTEST + " characters long");
		}
		this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/actuator/health");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HttpHeaders.AUTHORIZATION);
		// Compared in constant time: the robot's loopback may host software probing it.
		if (given != null && MessageDigest.isEqual(this.expected, given.getBytes(StandardCharsets.UTF_8))) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		response.setContentType("application/problem+json");
		response.getOutputStream()
			.write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
					+ "\"detail\":\"This edge gateway's local API needs its token (Authorization: Bearer ...)\","
					+ "\"instance\":\"" + request.getRequestURI().replace("\"", "%22").replace("\\", "%5C") + "\"}")
				.getBytes(StandardCharsets.UTF_8));
	}

}
