package io.opencontrol.platform.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How access tokens are validated, by the gateway and again by every service behind it.
 *
 * @param issuer the only accepted {@code iss}
 * @param audience the audience every token must carry
 * @param jwkSetUri where the auth-service publishes its keys
 * @param clockSkew tolerance for {@code exp} and {@code nbf}; at most 60 seconds
 * @param jwksRefreshInterval the least time between two fetches of the key set, so that
 * tokens with unknown {@code kid}s cannot turn into a flood of fetches
 * @param jwksMaxAge how long a fetched key set is used before it is fetched again, which
 * is how a removed key stops being accepted
 * @param verifiedTokens how many verified tokens are remembered ({@link VerifiedTokens})
 * so that repeated requests with one token are not verified again; 0 verifies every time
 */
@ConfigurationProperties("opencontrol.tokens")
public record TokenProperties(@DefaultValue("http://localhost:9000") URI issuer,
		@DefaultValue("opencontrol") String audience, @DefaultValue("http://localhost:9000/oauth2/jwks") URI jwkSetUri,
		@DefaultValue("30s") Duration clockSkew, @DefaultValue("30s") Duration jwksRefreshInterval,
		@DefaultValue("5m") Duration jwksMaxAge, @DefaultValue("10000") long verifiedTokens) {

	static final Duration LARGEST_CLOCK_SKEW = Duration.ofSeconds(60);

	public TokenProperties {
		if (!issuer.isAbsolute() || !jwkSetUri.isAbsolute()) {
			throw new IllegalArgumentException("opencontrol.tokens.issuer and jwk-set-uri must be absolute URLs");
		}
		if (audience.isBlank()) {
			throw new IllegalArgumentException("opencontrol.tokens.audience must not be blank");
		}
		if (clockSkew.isNegative() || clockSkew.compareTo(LARGEST_CLOCK_SKEW) > 0) {
			throw new IllegalArgumentException(
					"opencontrol.tokens.clock-skew must be between 0 and 60s, was " + clockSkew);
		}
		if (jwksRefreshInterval.isNegative() || jwksMaxAge.compareTo(jwksRefreshInterval) < 0) {
			throw new IllegalArgumentException("opencontrol.tokens.jwks-max-age (" + jwksMaxAge
					+ ") must be at least jwks-refresh-interval (" + jwksRefreshInterval + ")");
		}
		if (verifiedTokens < 0) {
			throw new IllegalArgumentException(
					"opencontrol.tokens.verified-tokens must not be negative, was " + verifiedTokens);
		}
	}

}
