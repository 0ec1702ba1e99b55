package io.opencontrol.modelserver.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * Brings a request's answer back to its connection's event loop. A model worker completes
 * the answer; without the hop, the response would be rendered and handed to the
 * connection on the worker's thread, time taken from the model on a machine where the
 * model's cores are the bottleneck.
 */
final class EventLoop {

	private EventLoop() {
	}

	static <T> Mono<T> answer(ServerHttpRequest request, CompletableFuture<T> answer) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		if (nativeRequest instanceof Connection connection) {
			Executor loop = connection.channel().eventLoop();
			return Mono.fromFuture(answer.whenCompleteAsync((value, failure) -> {
			}, loop));
		}
		return Mono.fromFuture(answer);
	}

}
