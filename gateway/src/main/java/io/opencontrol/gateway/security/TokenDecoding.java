package io.opencontrol.gateway.security;

import java.time.Clock;

import com.nimbusds.jwt.JWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.opencontrol.platform.security.KeySetCache;
import io.opencontrol.platform.security.SignedTokenReader;
import io.opencontrol.platform.security.TokenProperties;
import io.opencontrol.platform.security.TokenValidation;
import io.opencontrol.platform.security.VerifiedTokens;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The one way the gateway reads a bearer token, the same as every service behind it: the
 * signature checked against the auth-service's published keys by
 * {@link SignedTokenReader}, the claims by {@link TokenValidation}, and a token that
 * passed both is not verified again while {@link VerifiedTokens} remembers it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class TokenDecoding {

	@Bean
	KeySetCache keySetCache(TokenProperties properties, Clock clock, MeterRegistry meters) {
		return new KeySetCache(properties, clock, meters);
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(KeySetCache keys, TokenProperties properties, Clock clock) {
		SignedTokenReader reader = new SignedTokenReader(keys);
		NimbusReactiveJwtDecoder decoder = new NimbusReactiveJwtDecoder((JWT jwt) -> {
			// Only a key-set fetch blocks, and that one runs off the event loop.
			if (reader.mayFetch(jwt)) {
				return Mono.fromCallable(() -> reader.claimsOf(jwt)).subscribeOn(Schedulers.boundedElastic());
			}
			return Mono.fromCallable(() -> reader.claimsOfWithKnownKeys(jwt));
		});
		decoder.setJwtValidator(TokenValidation.validator(properties, clock));
		VerifiedTokens verified = new VerifiedTokens(properties, clock);
		return (token) -> {
			Jwt known = verified.find(token);
			if (known != null) {
				return Mono.just(known);
			}
			return decoder.decode(token).doOnNext((jwt) -> verified.remember(token, jwt));
		};
	}

}
