package io.opencontrol.modelserver.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Puts {@link InferenceRoutes} before every other filter but the server's HTTP
 * observation on the paths it answers.
 */
@Configuration(proxyBeanMethods = false)
class InferenceRoutesRegistration {

	@Bean
	FilterRegistrationBean<InferenceRoutes> inferenceRoutes(JwtDecoder tokens, OipInference oip,
			Prediction prediction) {
		FilterRegistrationBean<InferenceRoutes> registration = new FilterRegistrationBean<>(
				new InferenceRoutes(tokens, oip, prediction));
		registration.addUrlPatterns("/v2/models/*", "/predict");
		// Just inside the server's HTTP observation (HIGHEST_PRECEDENCE + 1), so these
		// requests are timed in http.server.requests like every other; ahead of the rest.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
