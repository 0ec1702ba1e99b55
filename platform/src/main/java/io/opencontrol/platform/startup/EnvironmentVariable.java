package io.opencontrol.platform.startup;

import java.util.Locale;

/** The environment variable Spring Boot binds to a property, as operators set it. */
final class EnvironmentVariable {

	private EnvironmentVariable() {
	}

	static String of(String property) {
		return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
	}

}
