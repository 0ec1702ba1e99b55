package io.opencontrol.fleet.web;

import io.opencontrol.fleet.assignment.Assignments;
import io.opencontrol.fleet.robots.RobotReports;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Puts the routes answered straight from the servlet container ({@link HeartbeatRoute},
 * {@link AssignRoute}) before every other filter but the server's HTTP observation, each
 * on its own paths.
 */
@Configuration(proxyBeanMethods = false)
class DirectRouteRegistration {

	/**
	 * Just inside the server's HTTP observation (HIGHEST_PRECEDENCE + 1), so these
	 * requests are timed in http.server.requests like every other; ahead of the rest.
	 */
	private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	@Bean
	FilterRegistrationBean<HeartbeatRoute> heartbeatRoute(JwtDecoder tokens, JsonMapper json, Validator validator,
			RobotReports reports, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver failures) {
		FilterRegistrationBean<HeartbeatRoute> registration = new FilterRegistrationBean<>(
				new HeartbeatRoute(tokens, json, validator, reports, failures));
		registration.addUrlPatterns("/api/robots/*");
		registration.setOrder(ORDER);
		return registration;
	}

	@Bean
	FilterRegistrationBean<AssignRoute> assignRoute(JwtDecoder tokens, JsonMapper json, Validator validator,
			Assignments assignments, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver failures) {
		FilterRegistrationBean<AssignRoute> registration = new FilterRegistrationBean<>(
				new AssignRoute(tokens, json, validator, assignments, failures));
		registration.addUrlPatterns(AssignRoute.PATH);
		registration.setOrder(ORDER);
		return registration;
	}

}
