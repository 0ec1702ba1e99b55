package io.opencontrol.gateway.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;

import static io.opencontrol.platform.security.Permission.CONTROL;
import static io.opencontrol.platform.security.Permission.READ;
import static io.opencontrol.platform.security.Permission.ROBOT;
import static io.opencontrol.platform.security.Permission.WRITE;

/**
 * The permission each public route and method needs (ARCHITECTURE §2). Anything not
 * listed is refused, so a new backend path is closed until it is added here.
 */
final class AccessRules {

	private AccessRules() {
	}

	static void apply(AuthorizeExchangeSpec rules) {
		rules.pathMatchers(HttpMethod.POST, "/oauth2/token", "/oauth2/device_authorization")
			.permitAll()
			.pathMatchers(HttpMethod.GET, "/oauth2/jwks")
			.permitAll()
			.pathMatchers(HttpMethod.GET, "/health")
			.hasAuthority(READ.authority());
		modelServer(rules);
		fleetCoordinator(rules);
		rules.pathMatchers("/api/admin/**").hasAuthority(WRITE.authority()).anyExchange().denyAll();
	}

	private static void modelServer(AuthorizeExchangeSpec rules) {
		rules
			.pathMatchers(HttpMethod.POST, "/predict", "/v2/models/{model}/infer",
					"/v2/models/{model}/versions/{version}/infer")
			.hasAnyAuthority(CONTROL.authority(), ROBOT.authority())
			.pathMatchers(HttpMethod.POST, "/v2/repository/index", "/v2/repository/models/{model}/load",
					"/v2/repository/models/{model}/unload")
			.hasAuthority(WRITE.authority())
			.pathMatchers(HttpMethod.GET, "/v2/models/{model}", "/v2/models/{model}/versions/{version}",
					"/v2/repository/models/{model}/versions/{version}/files/{file}")
			.hasAnyAuthority(READ.authority(), ROBOT.authority())
			.pathMatchers(HttpMethod.GET, "/v2", "/v2/health/live", "/v2/health/ready", "/v2/models/{model}/ready",
					"/v2/models/{model}/versions/{version}/ready")
			.hasAuthority(READ.authority());
	}

	private static void fleetCoordinator(AuthorizeExchangeSpec rules) {
		rules.pathMatchers(HttpMethod.POST, "/assign_task", "/api/tasks/{task}/cancel")
			.hasAuthority(CONTROL.authority())
			.pathMatchers(HttpMethod.POST, "/api/tasks/{task}/start", "/api/tasks/{task}/complete",
					"/api/tasks/{task}/fail")
			.hasAnyAuthority(CONTROL.authority(), ROBOT.authority())
			.pathMatchers(HttpMethod.PUT, "/api/robots/{robot}/state")
			.hasAuthority(ROBOT.authority())
			.pathMatchers(HttpMethod.POST, "/api/robots/{robot}/heartbeats", "/api/robots/{robot}/telemetry")
			.hasAuthority(ROBOT.authority())
			.pathMatchers(HttpMethod.GET, "/api/robots/{robot}/assignments")
			.hasAnyAuthority(READ.authority(), ROBOT.authority())
			.pathMatchers(HttpMethod.GET, "/api/fleets", "/api/fleets/{fleet}", "/api/fleets/{fleet}/assignments",
					"/api/robots", "/api/robots/{robot}", "/api/robots/{robot}/heartbeat",
					"/api/robots/{robot}/telemetry", "/api/tasks", "/api/tasks/{task}")
			.hasAuthority(READ.authority())
			.pathMatchers(HttpMethod.POST, "/api/fleets", "/api/robots")
			.hasAuthority(WRITE.authority())
			.pathMatchers(HttpMethod.PUT, "/api/fleets/{fleet}", "/api/robots/{robot}")
			.hasAuthority(WRITE.authority())
			.pathMatchers(HttpMethod.DELETE, "/api/fleets/{fleet}", "/api/robots/{robot}")
			.hasAuthority(WRITE.authority());
	}

}
