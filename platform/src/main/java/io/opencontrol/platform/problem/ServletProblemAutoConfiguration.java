package io.opencontrol.platform.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Renders the servlet container's error page as an RFC 9457 problem detail. Exceptions
 * raised inside Spring MVC handlers are rendered by Spring's own problem-details handler
 * (enabled in the shared defaults); everything else (unhandled exceptions, filter errors,
 * container rejections) ends up on the error page and gets the same shape, with no stack
 * trace; what Tomcat rejects before the application sees it is rendered in that shape by
 * {@link ProblemErrorReportValve}.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
public class ServletProblemAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TomcatServletWebServerFactory.class)
	static class TomcatErrorReport {

		@Bean
		ProblemErrorReportCustomizer problemErrorReportCustomizer() {
			return new ProblemErrorReportCustomizer();
		}

	}

}
