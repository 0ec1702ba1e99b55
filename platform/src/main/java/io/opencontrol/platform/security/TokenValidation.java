package io.opencontrol.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The claims every OpenControl token must pass: {@code exp} present, {@code exp} and
 * {@code nbf} within the configured skew, the configured issuer, the configured audience.
 */
public final class TokenValidation {

	private TokenValidation() {
	}

	public static OAuth2TokenValidator<Jwt> validator(TokenProperties properties, Clock clock) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setClock(clock);
		return new DelegatingOAuth2TokenValidator<>(
				List.of(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull), timestamps,
						new JwtIssuerValidator(properties.issuer().toString()),
						new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
								(audience) -> audience != null && audience.contains(properties.audience()))));
	}

}
