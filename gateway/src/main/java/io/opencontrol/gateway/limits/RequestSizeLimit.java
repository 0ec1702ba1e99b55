package io.opencontrol.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;

import io.opencontrol.gateway.security.ProblemWriter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses request bodies over the limit with 413: at once when {@code Content-Length}
 * says so, and while streaming when a chunked body grows past it. Runs before
 * authentication so an oversized body is never buffered or forwarded.
 */
@Component
class RequestSizeLimit implements WebFilter, Ordered {

	private final long maxBytes;

	private final ProblemWriter problems;

	RequestSizeLimit(LimitsProperties limits, ProblemWriter problems) {
		this.maxBytes = limits.maxRequestSize().toBytes();
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long declared = exchange.getRequest().getHeaders().getContentLength();
		if (declared > this.maxBytes) {
			return tooLarge(exchange);
		}
		ServerWebExchange counted = exchange.mutate().request(new CountingRequest(exchange.getRequest())).build();
		return chain.filter(counted).onErrorResume(BodyTooLarge.class, (ex) -> tooLarge(exchange));
	}

	private Mono<Void> tooLarge(ServerWebExchange exchange) {
		return this.problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE,
				"The request body is larger than " + this.maxBytes + " bytes.");
	}

	private final class CountingRequest extends ServerHttpRequestDecorator {

		CountingRequest(ServerHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong seen = new AtomicLong();
			return super.getBody().handle((buffer, sink) -> {
				if (seen.addAndGet(buffer.readableByteCount()) > RequestSizeLimit.this.maxBytes) {
					DataBufferUtils.release(buffer);
					sink.error(new BodyTooLarge());
				}
				else {
					sink.next(buffer);
				}
			});
		}

	}

	private static final class BodyTooLarge extends RuntimeException {

		BodyTooLarge() {
			super(null, null, false, false);
		}

	}

}
