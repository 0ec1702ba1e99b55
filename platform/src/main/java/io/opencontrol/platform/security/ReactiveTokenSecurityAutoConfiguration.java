package io.opencontrol.platform.security;

import java.time.Clock;

import com.nimbusds.jwt.JWT;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The one way a reactive service (the gateway, the model-server) reads a bearer token,
 * the same as a servlet service ({@link ServletTokenSecurityAutoConfiguration}): the
 * signature checked against the auth-service's published keys by
 * {@link SignedTokenReader}, the claims by {@link TokenValidation}, and a token that
 * passed both is not verified again while {@link VerifiedTokens} remembers it. Each
 * service writes its own access rules; refusals are {@link ReactiveTokenRefusals}.
 */
// Before Boot's own: with a decoder present they add neither theirs nor a generated user.
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ ReactiveJwtDecoder.class, SecurityWebFilterChain.class })
@ConditionalOnBooleanProperty(name = "opencontrol.tokens.resource-server", matchIfMissing = true)
@EnableConfigurationProperties(TokenProperties.class)
@Import(TokenKeysConfiguration.class)
public class ReactiveTokenSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveJwtDecoder reactiveJwtDecoder(KeySetCache keys, TokenProperties properties, ObjectProvider<Clock> clock) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		SignedTokenReader reader = new SignedTokenReader(keys);
		NimbusReactiveJwtDecoder decoder = new NimbusReactiveJwtDecoder((JWT jwt) -> {
			// Only a key-set fetch blocks, and that one runs off the event loop.
			if (reader.mayFetch(jwt)) {
				return Mono.fromCallable(() -> reader.claimsOf(jwt)).subscribeOn(Schedulers.boundedElastic());
			}
			return Mono.fromCallable(() -> reader.claimsOfWithKnownKeys(jwt));
		});
		decoder.setJwtValidator(TokenValidation.validator(properties, time));
		VerifiedTokens verified = new VerifiedTokens(properties, time);
		return (token) -> {
			Jwt known = verified.find(token);
			if (known != null) {
				return Mono.just(known);
			}
			return decoder.decode(token).doOnNext((jwt) -> verified.remember(token, jwt));
		};
	}

}
