package io.opencontrol.gateway.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one way the gateway reads a bearer token: the signature checked by
 * {@link JwsVerification} against the auth-service's published keys, then the configured
 * issuer and audience required, {@code exp} required, {@code exp} and {@code nbf} checked
 * with at most 60 seconds of skew.
 */
@Configuration(proxyBeanMethods = false)
class TokenDecoding {

	@Bean
	JwksCache jwksCache(TokenProperties properties, Clock clock, MeterRegistry meters) {
		// Boot's WebClient.Builder lives in spring-boot-webclient, which the mirror here
		// lacks for
		// 4.1.1.
		return new JwksCache(WebClient.builder(), properties, clock, meters);
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(JwksCache keys, TokenProperties properties, Clock clock) {
		NimbusReactiveJwtDecoder decoder = new NimbusReactiveJwtDecoder((JWT jwt) -> verifiedClaims(jwt, keys));
		decoder.setJwtValidator(validator(properties, clock));
		return decoder;
	}

	private static Mono<JWTClaimsSet> verifiedClaims(JWT jwt, JwksCache keys) {
		if (!(jwt instanceof SignedJWT signed) || !JwsVerification.acceptsHeader(signed.getHeader())) {
			return Mono.error(new BadJwtException("Unsupported token algorithm"));
		}
		return keys.keysFor(signed.getHeader().getKeyID()).flatMap((candidates) -> {
			if (!JwsVerification.verify(signed, candidates)) {
				return Mono.error(new BadJwtException("The token's signature does not verify"));
			}
			try {
				return Mono.just(signed.getJWTClaimsSet());
			}
			catch (ParseException ex) {
				return Mono.error(new BadJwtException("The token's payload is not a claims set", ex));
			}
		});
	}

	static OAuth2TokenValidator<Jwt> validator(TokenProperties properties, Clock clock) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setClock(clock);
		return new DelegatingOAuth2TokenValidator<>(
				List.of(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull), timestamps,
						new JwtIssuerValidator(properties.issuer().toString()),
						new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
								(audience) -> audience != null && audience.contains(properties.audience()))));
	}

}
