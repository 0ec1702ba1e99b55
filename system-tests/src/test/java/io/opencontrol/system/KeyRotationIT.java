package io.opencontrol.system;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auth-service rotating its signing key on a fast schedule (a key signs for 12 s, is
 * published 4 s before it signs, and is kept 6 s after it retires) while the gateway
 * verifies: the new key is published before anything is signed with it, tokens from it
 * are accepted, and once the old key is removed a token it signed is rejected even though
 * it has not expired.
 */
class KeyRotationIT {

	static SecuredGateway stack;

	@BeforeAll
	static void start() throws Exception {
		stack = SecuredGateway.start("rotation",
				List.of("--opencontrol.auth.keys.rotation-period=12s", "--opencontrol.auth.keys.publication-lead=4s",
						"--opencontrol.auth.keys.retention=6s", "--opencontrol.auth.keys.check-interval=250ms",
						"--opencontrol.auth.access-token-time-to-live=5s"),
				List.of("--opencontrol.tokens.jwks-max-age=2s", "--opencontrol.tokens.jwks-refresh-interval=1s"));
	}

	@AfterAll
	static void stop() throws Exception {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void rotatesWithoutBreakingTokensAndForgetsRemovedKeys() throws Exception {
		String first = stack.demoToken("viewer");
		String firstKid = kidOf(first);
		assertThat(status(first)).isEqualTo(200);
		// Signed with the first key, valid for ten more minutes: only the key's removal
		// can stop it.
		Instant now = Instant.now();
		String longLived = stack.forge()
			.signedByRealKey(stack.forge()
				.claims("rotation-suite", "viewer")
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
				.build());
		assertThat(kidOf(longLived)).isEqualTo(firstKid);

		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> publishedKids().size() > 1);
		assertThat(kidOf(stack.demoToken("viewer"))).as("the next key is published before it signs")
			.isEqualTo(firstKid);

		String[] second = new String[1];
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			second[0] = stack.demoToken("viewer");
			return !kidOf(second[0]).equals(firstKid);
		});
		assertThat(status(second[0])).as("a token from the newly published key").isEqualTo(200);
		assertThat(status(longLived)).as("the retired key still verifies its tokens").isEqualTo(200);

		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> !publishedKids().contains(firstKid));
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(status(longLived)).as("a token from a removed key").isEqualTo(401));
	}

	private static int status(String token) throws Exception {
		return stack.call("GET", "/api/robots", token).statusCode();
	}

	private static String kidOf(String token) throws Exception {
		return SignedJWT.parse(token).getHeader().getKeyID();
	}

	private static List<String> publishedKids() throws Exception {
		return JWKSet.parse(stack.authService().get("/oauth2/jwks").body())
			.getKeys()
			.stream()
			.map((key) -> key.getKeyID())
			.toList();
	}

}
