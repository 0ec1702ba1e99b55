package io.opencontrol.platform.security;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Defense in depth: a service behind the gateway validates every bearer token itself,
 * with the gateway's rules ({@link SignedTokenReader}, {@link TokenValidation}) and the
 * gateway's role permissions ({@link TokenRights}). Everything but health, metrics and
 * the API description needs a valid token; each service then checks permissions
 * ({@code @PreAuthorize}) and fleet scope ({@link CallerRights}) for the objects it owns.
 * Refusals are problem details.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ JwtAuthenticationToken.class, SecurityFilterChain.class })
@ConditionalOnBooleanProperty(name = "opencontrol.tokens.resource-server", matchIfMissing = true)
@EnableConfigurationProperties(TokenProperties.class)
@Import(TokenKeysConfiguration.class)
@EnableMethodSecurity
public class ServletTokenSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(KeySetCache keys, TokenProperties properties, ObjectProvider<Clock> clock) {
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(new SignedTokenProcessor(new SignedTokenReader(keys)));
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		decoder.setJwtValidator(TokenValidation.validator(properties, time));
		VerifiedTokens verified = new VerifiedTokens(properties, time);
		return (token) -> verified.decode(token, decoder::decode);
	}

	/**
	 * Spring Security's strict firewall, with the header and parameter-name rule checked
	 * by {@link AssignedCharacters} instead of a regular expression per header.
	 */
	@Bean
	WebSecurityCustomizer headerCharacterFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		AssignedCharacters assigned = new AssignedCharacters();
		firewall.setAllowedHeaderNames(assigned);
		firewall.setAllowedHeaderValues(assigned);
		firewall.setAllowedParameterNames(assigned);
		return (web) -> web.httpFirewall(firewall);
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain tokenSecurityFilterChain(HttpSecurity http, JwtDecoder decoder) throws Exception {
		BearerTokenResourceServer.configure(http, decoder)
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers(EndpointRequest.to("health", "info", "prometheus"))
						.permitAll()
						.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/error")
						.permitAll()
						.anyRequest()
						.authenticated());
		return http.build();
	}

}
