package io.opencontrol.platform.security;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * What the caller's token says about its scope, for object-level checks in the service
 * that owns the objects: the fleets it may see and act on ({@code *} for all), and for a
 * robot the one robot it speaks for.
 */
public record CallerRights(String subject, List<String> fleets, String robotId) {

	public CallerRights {
		fleets = (fleets != null) ? List.copyOf(fleets) : List.of();
	}

	public static CallerRights of(Authentication authentication) {
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			return new CallerRights(null, List.of(), null);
		}
		Jwt jwt = token.getToken();
		return new CallerRights(jwt.getSubject(), jwt.getClaimAsStringList("fleets"), jwt.getClaimAsString("robot_id"));
	}

	/** Whether the token's scope is every fleet ({@code *}). */
	public boolean canSeeAllFleets() {
		return this.fleets.contains("*");
	}

	/** Whether objects of this fleet are visible to the caller. */
	public boolean canSee(String fleet) {
		return this.fleets.contains("*") || this.fleets.contains(fleet);
	}

	/** Whether the caller is this robot, speaking for itself. */
	public boolean isRobot(String robot) {
		return this.robotId != null && this.robotId.equals(robot);
	}

}
