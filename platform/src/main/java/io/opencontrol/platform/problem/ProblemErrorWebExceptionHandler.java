package io.opencontrol.platform.problem;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes any exception that escapes a reactive handler as a problem detail. Exceptions
 * that know their HTTP answer ({@link ErrorResponse}, such as
 * {@code ResponseStatusException}) keep it; anything else is a 500 whose body says
 * nothing about the cause, which is logged instead.
 */
class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemErrorWebExceptionHandler.class);

	private final ServerResponse.Context context;

	ProblemErrorWebExceptionHandler(ServerCodecConfigurer codecs) {
		this.context = new CodecContext(codecs.getWriters());
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail problem = problemFor(ex);
		problem.setInstance(instanceOf(exchange));
		return ServerResponse.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem)
			.flatMap((response) -> response.writeTo(exchange, this.context));
	}

	private static ProblemDetail problemFor(Throwable ex) {
		if (ex instanceof ErrorResponse errorResponse) {
			return errorResponse.updateAndGetBody(null, null);
		}
		if (causedByRefusedConnection(ex)) {
			// A gateway whose backend is down: the caller may retry, nothing is wrong
			// with its request.
			logger.warn("Backend unreachable: " + ex.getMessage());
			return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The service behind this path is unavailable.");
		}
		logger.error("Unhandled exception", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The server could not complete the request.");
	}

	private static boolean causedByRefusedConnection(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	private static URI instanceOf(ServerWebExchange exchange) {
		try {
			return URI.create(exchange.getRequest().getPath().value());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private record CodecContext(List<HttpMessageWriter<?>> messageWriters) implements ServerResponse.Context {

		@Override
		public List<ViewResolver> viewResolvers() {
			return List.of();
		}

	}

}
