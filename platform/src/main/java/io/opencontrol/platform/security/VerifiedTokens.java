package io.opencontrol.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens that already passed signature verification and claim validation, so that a
 * client sending the same token many times a second pays for the RSA verification and
 * claim parsing once. An entry is used only while the token is unexpired (with the
 * configured skew), and only for one key-set refresh interval after it was verified: a
 * key the auth-service withdraws stops being honoured about as soon as it would without
 * this cache. Refusals are never remembered.
 */
public final class VerifiedTokens {

	private final Cache<String, Jwt> verified;

	private final boolean remembers;

	private final Clock clock;

	private final Duration clockSkew;

	public VerifiedTokens(TokenProperties properties, Clock clock) {
		this.verified = Caffeine.newBuilder()
			.maximumSize(properties.verifiedTokens())
			.expireAfterWrite(properties.jwksRefreshInterval())
			.build();
		// Caffeine evicts asynchronously, so a size of 0 would still remember for a
		// while.
		this.remembers = properties.verifiedTokens() > 0;
		this.clock = clock;
		this.clockSkew = properties.clockSkew();
	}

	/** The token's claims, verified by {@code verifier} only when not remembered. */
	public Jwt decode(String token, Function<String, Jwt> verifier) {
		Jwt known = find(token);
		if (known != null) {
			return known;
		}
		Jwt jwt = verifier.apply(token);
		remember(token, jwt);
		return jwt;
	}

	/** The remembered claims of a token still usable now, or null. */
	public Jwt find(String token) {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt == null) {
			return null;
		}
		// Validation required exp, so it is present; nbf can only have become truer.
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null || !this.clock.instant().isBefore(expiresAt.plus(this.clockSkew))) {
			this.verified.invalidate(token);
			return null;
		}
		return jwt;
	}

	/** Remembers a token that passed verification and validation. */
	public void remember(String token, Jwt jwt) {
		if (this.remembers) {
			this.verified.put(token, jwt);
		}
	}

}
