package io.opencontrol.modelserver.web;

import java.util.Optional;

import io.opencontrol.platform.security.ReactiveTokenRefusals;
import io.opencontrol.platform.security.TokenRights;

import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

import static io.opencontrol.platform.security.Permission.READ;
import static io.opencontrol.platform.security.Permission.ROBOT;
import static io.opencontrol.platform.security.Permission.WRITE;

/**
 * Defense in depth behind the gateway: every route but health, metrics and the API
 * description needs a valid bearer token, and each route the permission ARCHITECTURE §2
 * gives it. Inference ({@code control}) is checked by {@link InferenceRoutes}, which
 * answers before this chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class ModelServerSecurity {

	@Bean
	SecurityWebFilterChain modelServerSecurityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder) {
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.authorizeExchange((rules) -> rules.matchers(EndpointRequest.to("health", "info", "prometheus"))
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
				.permitAll()
				.pathMatchers(HttpMethod.POST, "/v2/repository/index", "/v2/repository/models/{model}/load",
						"/v2/repository/models/{model}/unload")
				.hasAuthority(WRITE.authority())
				.pathMatchers(HttpMethod.GET, "/v2/models/{model}", "/v2/models/{model}/versions/{version}",
						"/v2/repository/models/{model}/versions/{version}/files/{file}")
				.hasAnyAuthority(READ.authority(), ROBOT.authority())
				.pathMatchers(HttpMethod.GET, "/v2", "/v2/", "/v2/health/live", "/v2/health/ready",
						"/v2/models/{model}/ready", "/v2/models/{model}/versions/{version}/ready", "/health")
				.hasAuthority(READ.authority())
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((server) -> server
				.jwt((jwt) -> jwt.jwtDecoder(decoder)
					.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(new TokenRights())))
				.authenticationEntryPoint(ReactiveTokenRefusals.unauthenticated())
				.accessDeniedHandler(ReactiveTokenRefusals.forbidden()))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(ReactiveTokenRefusals.unauthenticated())
				.accessDeniedHandler(ReactiveTokenRefusals.forbidden()));
		return http.build();
	}

	/**
	 * A request the firewall refuses (an encoded slash or NUL in the path, for one) gets
	 * a problem detail saying why, not an empty 400.
	 */
	@Bean
	ServerExchangeRejectedHandler problemForRejectedRequests() {
		return (exchange, ex) -> new Failure(HttpStatus.BAD_REQUEST, ex.getMessage(), Optional.empty())
			.writeProblem(exchange.getResponse(), exchange.getRequest().getPath().value());
	}

}
