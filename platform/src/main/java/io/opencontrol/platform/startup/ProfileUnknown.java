package io.opencontrol.platform.startup;

import java.util.Set;

/** An active profile is none of the service's own, most often a typing error. */
public class ProfileUnknown extends StartupRefused {

	public ProfileUnknown(String profile, String service, Set<String> known) {
		super("spring.profiles.active (SPRING_PROFILES_ACTIVE) names profile '" + profile + "', which " + service
				+ " does not have; its profiles: " + String.join(", ", known), "Correct SPRING_PROFILES_ACTIVE.");
	}

}
