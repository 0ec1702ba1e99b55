package io.opencontrol.modelserver.web;

import io.opencontrol.modelserver.serving.ServingLifecycle;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Once shutdown has begun, every answer closes its connection. The HTTP server's graceful
 * shutdown waits for the requests in flight, but a kept-alive connection would stay open
 * after its answer and could carry one more request to a server whose models are already
 * unloaded; with {@code Connection: close} the client opens a new connection instead,
 * which the stopped server refuses, and no request is half-served.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClosingConnections implements WebFilter {

	private final ServingLifecycle lifecycle;

	ClosingConnections(ServingLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpResponse response = exchange.getResponse();
		response.beforeCommit(() -> {
			if (this.lifecycle.closing()) {
				response.getHeaders().set(HttpHeaders.CONNECTION, "close");
			}
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

}
