package io.opencontrol.modelserver.web;

import reactor.netty.resources.LoopResources;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Runs the HTTP server on its own, sized set of event loops ({@link HttpProperties})
 * instead of Reactor Netty's shared default of one per core (at least four). Boot's Netty
 * server takes its loops from this factory, which releases them last on shutdown, after
 * the server and the models have stopped.
 */
@Configuration(proxyBeanMethods = false)
class HttpEventLoops {

	@Bean
	ReactorResourceFactory reactorResourceFactory(HttpProperties properties) {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		factory.setLoopResourcesSupplier(() -> LoopResources.create("http", properties.eventLoops(), true));
		return factory;
	}

}
