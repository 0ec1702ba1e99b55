package io.opencontrol.gateway.routing;

import java.time.Duration;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long the gateway trusts a backend's resolved address. A restarted container comes
 * back at a new address under the same name (compose); Netty's resolver had kept the old
 * one for minutes, so the gateway answered 503 long after the backend was healthy.
 */
@Configuration(proxyBeanMethods = false)
class BackendAddresses {

	static final Duration LONGEST_CACHED = Duration.ofSeconds(5);

	@Bean
	HttpClientCustomizer backendAddressCache() {
		return (client) -> client.resolver((resolver) -> resolver.cacheMaxTimeToLive(LONGEST_CACHED)
			.cacheNegativeTimeToLive(Duration.ofSeconds(1)));
	}

}
