package io.opencontrol.gateway.security;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.opencontrol.gateway.limits.LimitsProperties;
import io.opencontrol.gateway.limits.PrincipalRateLimit;
import io.opencontrol.platform.security.TokenRights;

import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The gateway's door: stateless bearer-token authentication, the permission rules of
 * {@link AccessRules}, CORS closed (no origin is allowed unless configured), and every
 * refusal a problem detail. A request refused here never reaches a backend.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurity {

	/**
	 * Registered for every path so that a foreign origin is refused rather than ignored.
	 */
	private static UrlBasedCorsConfigurationSource corsConfiguration(CorsProperties properties) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(properties.allowedOrigins());
		configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
		configuration.setAllowedHeaders(
				List.of("Authorization", "Content-Type", "Idempotency-Key", "Inference-Header-Content-Length"));
		configuration.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", configuration);
		return source;
	}

	@Bean
	SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
			ProblemWriter problems, LimitsProperties limits, MeterRegistry meters, CorsProperties corsProperties) {
		// Not a bean: a WebFilter bean would also run in WebFlux's global chain, charging
		// every request twice.
		PrincipalRateLimit rateLimit = new PrincipalRateLimit(limits, problems, meters);
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.cors((cors) -> cors.configurationSource(corsConfiguration(corsProperties)))
			.authorizeExchange(
					(rules) -> AccessRules.apply(rules.matchers(EndpointRequest.to("health", "info", "prometheus"))
						.permitAll()
						.pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
						.permitAll()))
			// After authentication: callers are told apart by token.
			// Before authorization: refused requests count too.
			.addFilterAfter(rateLimit, SecurityWebFiltersOrder.AUTHENTICATION)
			.oauth2ResourceServer((server) -> server
				.jwt((jwt) -> jwt.jwtDecoder(decoder)
					.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(new TokenRights())))
				.authenticationEntryPoint((exchange, ex) -> {
					// No error_description: the reason stays in our logs.
					String challenge = (ex instanceof InvalidBearerTokenException) ? "Bearer error=\"invalid_token\""
							: "Bearer";
					exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
					return problems.write(exchange, HttpStatus.UNAUTHORIZED, "A valid bearer token is required.");
				})
				.accessDeniedHandler((exchange, ex) -> problems.write(exchange, HttpStatus.FORBIDDEN,
						"The token does not grant this operation.")))
			.exceptionHandling((handling) -> handling.accessDeniedHandler((exchange, ex) -> problems.write(exchange,
					HttpStatus.FORBIDDEN, "The token does not grant this operation.")));
		return http.build();
	}

}
