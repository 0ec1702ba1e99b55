package io.opencontrol.auth.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.opencontrol.auth.keys.SigningKeys;
import io.opencontrol.platform.security.BearerTokenResourceServer;
import io.opencontrol.platform.security.JwsVerification;
import io.opencontrol.platform.security.Permission;
import io.opencontrol.platform.security.TokenProperties;
import io.opencontrol.platform.security.TokenRefusals;
import io.opencontrol.platform.security.TokenValidation;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Three doors: the OAuth2 endpoints (token, JWKS, metadata, authorization, device flow),
 * the admin API for bearer tokens with the write permission, and a login form for people
 * in front of everything else. Health, metrics and the API description are open.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class AuthorizationServerConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, RegisteredClientRepository clients,
			AuthorizationServerSettings settings) throws Exception {
		OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(authorizationServer.getEndpointsMatcher())
			.with(authorizationServer,
					(server) -> server.deviceAuthorizationEndpoint(Customizer.withDefaults())
						.deviceVerificationEndpoint(Customizer.withDefaults())
						.clientAuthentication((authentication) -> authentication
							.authenticationConverter(
									DeviceClientAuthentication.converter(settings.getDeviceAuthorizationEndpoint()))
							.authenticationProvider(DeviceClientAuthentication.provider(clients))))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			// People reach the authorization and device-verification endpoints in a
			// browser: log them in.
			.exceptionHandling((handling) -> handling
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers()));
		return http.build();
	}

	/**
	 * The admin API: bearer tokens from this server's own keys, with the write
	 * permission.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain adminApi(HttpSecurity http, JwtDecoder adminTokenDecoder) throws Exception {
		BearerTokenResourceServer.configure(http.securityMatcher("/api/admin/**"), adminTokenDecoder)
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority(Permission.WRITE.authority()));
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain loginAndOperations(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers(EndpointRequest.to("health", "info", "prometheus"))
					.permitAll()
					.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/error")
					.permitAll()
					.anyRequest()
					.authenticated())
			.formLogin(Customizer.withDefaults())
			// A browser is sent to the login form; an API client gets a 401 problem, not
			// a redirect.
			.exceptionHandling((handling) -> handling
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers())
				.defaultAuthenticationEntryPointFor(TokenRefusals.unauthenticated(), AnyRequestMatcher.INSTANCE));
		return http.build();
	}

	/**
	 * Requests that ask for HTML; a client that accepts anything ({@code *}/{@code *}) is
	 * not one.
	 */
	private static MediaTypeRequestMatcher browsers() {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return html;
	}

	/**
	 * Verifies tokens with this server's own published keys, by the rules every service
	 * applies.
	 */
	@Bean
	JwtDecoder adminTokenDecoder(SigningKeys keys, AuthProperties properties, Clock clock) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JwsVerification.ALGORITHM, keys));
		// Claims are checked by Spring's validators below, as in every other service.
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		TokenProperties rules = new TokenProperties(properties.issuer(), properties.audience(),
				properties.issuer().resolve("/oauth2/jwks"), Duration.ofSeconds(30), Duration.ofSeconds(30),
				Duration.ofMinutes(5), 0);
		decoder.setJwtValidator(TokenValidation.validator(rules, clock));
		return decoder;
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(AuthProperties properties) {
		return AuthorizationServerSettings.builder().issuer(properties.issuer().toString()).build();
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(JdbcOperations jdbc) {
		return new JdbcRegisteredClientRepository(jdbc);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationService(jdbc, clients);
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
