package io.opencontrol.platform.defaults;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the operational defaults every OpenControl service shares (actuator exposure,
 * probe groups, graceful shutdown, error rendering) as the property source of lowest
 * precedence, so a service's own {@code application.yaml}, the environment and the
 * command line all override them.
 */
public class OperationalDefaults implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "opencontrolOperationalDefaults";

	private static final ClassPathResource DEFAULTS = new ClassPathResource("opencontrol-defaults.yaml");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(SOURCE_NAME)) {
			return;
		}
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load(SOURCE_NAME, DEFAULTS)) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + DEFAULTS.getPath(), ex);
		}
	}

}
