package io.opencontrol.platform.security;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auth-service's published keys, as every resource server reads them, whichever web
 * stack it runs on.
 */
@Configuration(proxyBeanMethods = false)
class TokenKeysConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KeySetCache keySetCache(TokenProperties properties, ObjectProvider<Clock> clock, MeterRegistry meters) {
		return new KeySetCache(properties, clock.getIfAvailable(Clock::systemUTC), meters);
	}

}
