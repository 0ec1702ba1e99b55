package io.opencontrol.platform.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

import javax.sql.DataSource;

import io.opencontrol.platform.startup.SettingMissing;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Checks a configured PostgreSQL before the data source is first used (by Flyway, at
 * start): a password is set, and the server accepts a TCP connection within
 * {@code opencontrol.database.reachable-within}. Either failure stops the service with
 * one line that names the variable or the host, instead of the connection pool's stack
 * trace.
 */
class DatabasePreflight implements BeanPostProcessor {

	private static final int POSTGRES_PORT = 5432;

	private static final Duration ATTEMPT = Duration.ofSeconds(2);

	private final Environment environment;

	private volatile boolean checked;

	DatabasePreflight(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource && !this.checked) {
			check();
			this.checked = true;
		}
		return bean;
	}

	private void check() {
		if (!StringUtils.hasText(this.environment.getProperty("spring.datasource.password"))) {
			throw new SettingMissing("spring.datasource.password", "the database user's password");
		}
		String url = this.environment.getProperty("spring.datasource.url", "");
		if (!url.startsWith("jdbc:postgresql://")) {
			return;
		}
		URI server = URI.create(url.substring("jdbc:".length()));
		if (server.getHost() == null) {
			// several hosts (failover) or a socket: the driver's own errors say more
			return;
		}
		awaitReachable(server.getHost(), (server.getPort() > 0) ? server.getPort() : POSTGRES_PORT);
	}

	private void awaitReachable(String host, int port) {
		Duration within = Binder.get(this.environment)
			.bindOrCreate("opencontrol.database", DatabaseCheckProperties.class)
			.reachableWithin();
		long deadline = System.nanoTime() + within.toNanos();
		while (true) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(host, port), (int) ATTEMPT.toMillis());
				return;
			}
			catch (IOException ex) {
				if (System.nanoTime() - deadline >= 0) {
					throw new DatabaseUnreachable(host, port, within, describe(ex));
				}
				pause();
			}
		}
	}

	private static String describe(IOException failure) {
		String message = failure.getMessage();
		return failure.getClass().getSimpleName() + ((message != null) ? " " + message : "");
	}

	private static void pause() {
		try {
			Thread.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the database", ex);
		}
	}

}
