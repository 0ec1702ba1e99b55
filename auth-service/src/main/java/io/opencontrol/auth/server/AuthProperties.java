package io.opencontrol.auth.server;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every access token of this authorization server says about itself.
 *
 * @param issuer the {@code iss} of every token and the base of the discovery documents
 * @param audience the {@code aud} of every access token
 * @param accessTokenTimeToLive how long an access token is valid; at most 30 minutes
 */
@ConfigurationProperties("opencontrol.auth")
public record AuthProperties(URI issuer, @DefaultValue("opencontrol") String audience,
		@DefaultValue("15m") Duration accessTokenTimeToLive) {

	static final Duration LONGEST_ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(30);

	public AuthProperties {
		if (issuer == null || !issuer.isAbsolute()) {
			throw new IllegalArgumentException("opencontrol.auth.issuer must be an absolute URL, was " + issuer);
		}
		if (audience == null || audience.isBlank()) {
			throw new IllegalArgumentException("opencontrol.auth.audience must not be blank");
		}
		if (accessTokenTimeToLive.isNegative() || accessTokenTimeToLive.isZero()
				|| accessTokenTimeToLive.compareTo(LONGEST_ACCESS_TOKEN_LIFETIME) > 0) {
			throw new IllegalArgumentException(
					"opencontrol.auth.access-token-time-to-live must be positive and at most "
							+ LONGEST_ACCESS_TOKEN_LIFETIME + ", was " + accessTokenTimeToLive);
		}
	}

}
