package io.opencontrol.gateway.fallback;

import io.opencontrol.gateway.security.ProblemWriter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a route's circuit breaker sends a call that failed or was not attempted because
 * the breaker is open: 503 with {@code Retry-After}. Reached only by the gateway's
 * internal forward; the access rules refuse it from outside.
 */
@RestController
class BackendUnavailable {

	private static final Log logger = LogFactory.getLog(BackendUnavailable.class);

	static final String RETRY_AFTER_SECONDS = "5";

	private final ProblemWriter problems;

	BackendUnavailable(ProblemWriter problems) {
		this.problems = problems;
	}

	@RequestMapping("/fallback/{backend}")
	Mono<Void> unavailable(@PathVariable String backend, ServerWebExchange exchange) {
		Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		logger.warn("Answering 503 for " + backend + ": "
				+ ((cause != null) ? cause.getClass().getSimpleName() + ": " + cause.getMessage() : "breaker open"));
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return this.problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
				"The " + backend + " service is unavailable; retry later.");
	}

}
