package io.opencontrol.gateway.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The public API of OpenControl and the service behind each part of it. Every backend has
 * its own circuit breaker, named after it, whose fallback answers 503 with a problem
 * detail.
 */
@Configuration(proxyBeanMethods = false)
class Routes {

	@Bean
	RouteLocator openControlRoutes(RouteLocatorBuilder routes, Backends backends) {
		return routes.routes()
			.route("model-server",
					(route) -> route.path("/predict", "/v2", "/v2/**")
						.filters((filters) -> breaker(filters, "model-server"))
						.uri(backends.modelServer()))
			.route("fleet-coordinator",
					(route) -> route.path("/assign_task", "/api/fleets/**", "/api/robots/**", "/api/tasks/**")
						.filters((filters) -> breaker(filters, "fleet-coordinator"))
						.uri(backends.fleetCoordinator()))
			.route("health-aggregator",
					(route) -> route.path("/health")
						.filters((filters) -> breaker(filters, "health-aggregator"))
						.uri(backends.healthAggregator()))
			.route("auth-service",
					(route) -> route
						.path("/oauth2/token", "/oauth2/jwks", "/oauth2/device_authorization", "/api/admin/**")
						.filters((filters) -> breaker(filters, "auth-service"))
						.uri(backends.authService()))
			.build();
	}

	private static GatewayFilterSpec breaker(GatewayFilterSpec filters, String backend) {
		return filters
			.circuitBreaker((breaker) -> breaker.setName(backend).setFallbackUri("forward:/fallback/" + backend));
	}

}
