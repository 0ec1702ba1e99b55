package io.opencontrol.gateway.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The public API of OpenControl and the service behind each part of it. */
@Configuration(proxyBeanMethods = false)
class Routes {

	@Bean
	RouteLocator openControlRoutes(RouteLocatorBuilder routes, Backends backends) {
		return routes.routes()
			.route("model-server", (route) -> route.path("/predict", "/v2", "/v2/**").uri(backends.modelServer()))
			.route("fleet-coordinator",
					(route) -> route.path("/assign_task", "/api/fleets/**", "/api/robots/**", "/api/tasks/**")
						.uri(backends.fleetCoordinator()))
			.route("health-aggregator", (route) -> route.path("/health").uri(backends.healthAggregator()))
			.route("auth-service",
					(route) -> route.path("/oauth2/token", "/oauth2/jwks", "/oauth2/device_authorization")
						.uri(backends.authService()))
			.build();
	}

}
