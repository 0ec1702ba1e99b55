package io.opencontrol.platform.startup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Refuses to start with an active profile the service does not have: Spring would start
 * without complaint and without the settings the operator meant to turn on. A service's
 * profiles are {@value #LOCAL} (the local stack, which every service takes part in) and
 * every profile with a config file of its own on the class path.
 */
class KnownProfiles implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String LOCAL = "local";

	private static final Pattern CONFIG_FILE = Pattern.compile("application-(.+)\\.(yaml|yml|properties)");

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Set<String> known = null;
		for (String profile : context.getEnvironment().getActiveProfiles()) {
			known = (known != null) ? known : known(context.getClassLoader());
			if (!known.contains(profile)) {
				throw new ProfileUnknown(profile,
						context.getEnvironment().getProperty("spring.application.name", "this service"), known);
			}
		}
	}

	private static Set<String> known(ClassLoader classLoader) {
		Set<String> known = new TreeSet<>(Set.of(LOCAL));
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver(classLoader)
				.getResources("classpath*:application-*")) {
				Matcher name = CONFIG_FILE.matcher(String.valueOf(resource.getFilename()));
				if (name.matches()) {
					known.add(name.group(1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the config files on the class path", ex);
		}
		return known;
	}

}
