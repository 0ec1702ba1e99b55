package io.opencontrol.edge.inference;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.opencontrol.edge.cloud.Cloud;
import io.opencontrol.platform.scheduling.FixedDelayTask;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The inference path: the cloud behind the Resilience4j instances named {@code cloud}
 * (configured in YAML), the local runner, the policy between them, and the model sync.
 */
@Configuration(proxyBeanMethods = false)
class InferenceConfiguration {

	@Bean
	CloudInference cloudInference(Cloud cloud, CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters,
			BulkheadRegistry bulkheads, JsonMapper json) {
		return new CloudInference(cloud, breakers.circuitBreaker("cloud"), timeLimiters.timeLimiter("cloud"),
				bulkheads.bulkhead("cloud"), json);
	}

	@Bean
	EdgeInference edgeInference(LocalRunner local, CloudInference cloud, InferenceProperties properties,
			MeterRegistry registry) {
		return new EdgeInference(local, cloud,
				new RoutingPolicy(properties.confidenceOutput(), properties.confidenceThreshold()), registry);
	}

	@Bean
	ModelSync modelSync(Cloud cloud, LocalRunner runner, InferenceProperties properties, JsonMapper json) {
		return new ModelSync(cloud, runner, properties, json);
	}

	@Bean
	FixedDelayTask modelSyncTask(ModelSync sync, InferenceProperties properties) {
		return new FixedDelayTask("model-sync", java.time.Duration.ZERO, properties.syncInterval(), sync::run);
	}

}
