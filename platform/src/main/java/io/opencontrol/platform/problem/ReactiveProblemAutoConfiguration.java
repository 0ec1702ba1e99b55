package io.opencontrol.platform.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.DispatcherHandler;

/**
 * Renders every error of a reactive service (the gateway) as an RFC 9457 problem detail,
 * in place of Spring Boot's JSON error map.
 */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(DispatcherHandler.class)
public class ReactiveProblemAutoConfiguration {

	@Bean
	@Order(-2) // ahead of WebFlux's own WebExceptionHandlers, as Boot's default handler
				// is
	@ConditionalOnMissingBean(ErrorWebExceptionHandler.class)
	ProblemErrorWebExceptionHandler problemErrorWebExceptionHandler(ServerCodecConfigurer codecs) {
		return new ProblemErrorWebExceptionHandler(codecs);
	}

}
