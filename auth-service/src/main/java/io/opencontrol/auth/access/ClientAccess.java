package io.opencontrol.auth.access;

import java.util.List;
import java.util.Set;

/**
 * The rights a client's access tokens carry.
 *
 * @param roles the roles, each one of admin, operator, viewer, robot
 * @param fleets the fleet ids the client may see and act on, or {@code *} for all
 * @param robotId the robot a robot credential speaks for; {@code null} for anyone else
 */
public record ClientAccess(List<String> roles, List<String> fleets, String robotId) {

	static final Set<String> KNOWN_ROLES = Set.of("admin", "operator", "viewer", "robot");

	public ClientAccess {
		roles = List.copyOf(roles);
		fleets = List.copyOf(fleets);
		if (roles.isEmpty() || !KNOWN_ROLES.containsAll(roles)) {
			throw new IllegalArgumentException("roles must be a non-empty subset of " + KNOWN_ROLES + ", was " + roles);
		}
		if (fleets.isEmpty()) {
			throw new IllegalArgumentException("fleets must not be empty");
		}
		if ((robotId != null) != roles.contains("robot")) {
			throw new IllegalArgumentException("a robot id is required for the robot role and only for it");
		}
	}

}
