package io.opencontrol.platform.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedTokensTests {

	private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

	private final AtomicInteger verifications = new AtomicInteger();

	@Test
	void verifiesARepeatedTokenOnce() {
		VerifiedTokens tokens = tokens(Clock.fixed(NOW, ZoneOffset.UTC), 100);
		Function<String, Jwt> verifier = verifier(NOW.plusSeconds(600));

		Jwt first = tokens.decode("token-a", verifier);
		Jwt second = tokens.decode("token-a", verifier);

		assertThat(second).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
		tokens.decode("token-b", verifier);
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void verifiesAgainOnceTheTokenExpiredBeyondTheSkew() {
		MovingClock clock = new MovingClock();
		VerifiedTokens tokens = tokens(clock, 100);
		Function<String, Jwt> verifier = verifier(NOW.plusSeconds(60));
		tokens.decode("token", verifier);

		// 60 s of life and 30 s of skew: remembered at 89 s, verified again at 90 s.
		clock.now = NOW.plusSeconds(89);
		tokens.decode("token", verifier);
		assertThat(this.verifications).hasValue(1);
		clock.now = NOW.plusSeconds(90);
		tokens.decode("token", verifier);
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void neverRemembersARefusal() {
		VerifiedTokens tokens = tokens(Clock.fixed(NOW, ZoneOffset.UTC), 100);
		Function<String, Jwt> refusing = (token) -> {
			this.verifications.incrementAndGet();
			throw new BadJwtException("The token's signature does not verify");
		};

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> tokens.decode("forged", refusing));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> tokens.decode("forged", refusing));

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void rememberingNothingVerifiesEveryTime() {
		VerifiedTokens tokens = tokens(Clock.fixed(NOW, ZoneOffset.UTC), 0);
		Function<String, Jwt> verifier = verifier(NOW.plusSeconds(600));
		for (int i = 0; i < 5; i++) {
			tokens.decode("token", verifier);
		}
		assertThat(this.verifications).hasValue(5);
	}

	private VerifiedTokens tokens(Clock clock, long size) {
		return new VerifiedTokens(properties(size), clock);
	}

	private static TokenProperties properties(long size) {
		return new TokenProperties(URI.create("http://issuer"), "opencontrol", URI.create("http://issuer/jwks"),
				Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(5), size);
	}

	private Function<String, Jwt> verifier(Instant expiresAt) {
		return (token) -> {
			this.verifications.incrementAndGet();
			return Jwt.withTokenValue(token)
				.header("alg", "RS256")
				.subject("robot-1")
				.issuedAt(expiresAt.minusSeconds(60))
				.expiresAt(expiresAt)
				.build();
		};
	}

	private static final class MovingClock extends Clock {

		private Instant now = NOW;

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
