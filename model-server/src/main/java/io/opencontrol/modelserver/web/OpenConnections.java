package io.opencontrol.modelserver.web;

import java.util.concurrent.TimeUnit;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Closes the connections still open once the web server has stopped, before the models
 * are unloaded. Reactor Netty's graceful shutdown waits for the requests in flight and
 * closes idle connections, but it takes its list while the listening socket is still
 * closing: a connection accepted just then, or a request read on a kept-alive connection
 * after the wait began, is not waited for, and left open it would go on serving requests
 * to a server with no models. Every connection is tracked from the moment it is set up,
 * before it can read a request, and one set up after the close is closed at once. Its
 * phase is between the web server's stop and the models' ({@code ServingLifecycle}).
 */
@Component
class OpenConnections implements NettyServerCustomizer, SmartLifecycle {

	private volatile ChannelGroup connections = openGroup();

	private volatile boolean running;

	@Override
	public HttpServer apply(HttpServer server) {
		// Not doOnConnection: that is told per request, once one has been read.
		return server.doOnChannelInit((observer, channel, address) -> this.connections.add(channel));
	}

	@Override
	public void start() {
		// Before the web server starts; a fresh group, as a closed one stays closed.
		this.connections = openGroup();
		this.running = true;
	}

	@Override
	public void stop() {
		this.connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static ChannelGroup openGroup() {
		return new DefaultChannelGroup("model-server", GlobalEventExecutor.INSTANCE, true);
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 3072;
	}

}
