package io.opencontrol.modelserver.web;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.web.reactive.config.BlockingExecutionConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * The controllers' methods run on the application's task executor, never on an event
 * loop: loading a model takes seconds and serving a model file reads the disk, and an
 * event loop that waits stops every connection it serves.
 */
@Configuration(proxyBeanMethods = false)
class BlockingHandlers implements WebFluxConfigurer {

	private final AsyncTaskExecutor executor;

	BlockingHandlers(@Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
		this.executor = executor;
	}

	@Override
	public void configureBlockingExecution(BlockingExecutionConfigurer configurer) {
		configurer.setExecutor(this.executor);
	}

}
