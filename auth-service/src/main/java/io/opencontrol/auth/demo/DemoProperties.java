package io.opencontrol.auth.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The local demo identities: one client per role and one robot, sharing one secret.
 *
 * @param clientSecret the secret of every demo client; generated per checkout by
 * bin/opencontrol
 * @param fleet the fleet the operator, viewer and robot belong to
 * @param robotId the robot the demo robot client speaks for
 */
@ConfigurationProperties("opencontrol.auth.demo")
record DemoProperties(String clientSecret, String fleet, String robotId) {

	private static final int SHORTEST_SECRET = 16;

	DemoProperties {
		if (clientSecret == null || clientSecret.length() < SHORTEST_SECRET) {
			throw new IllegalArgumentException("opencontrol.auth.demo.client-secret must be set and at least "
					+ SHORTEST_SECRET + " characters long in the local profile");
		}
		if (fleet == null || fleet.isBlank() || robotId == null || robotId.isBlank()) {
			throw new IllegalArgumentException("opencontrol.auth.demo.fleet and robot-id must be set");
		}
	}

}
