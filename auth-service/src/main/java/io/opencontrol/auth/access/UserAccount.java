package io.opencontrol.auth.access;

import java.util.List;
import java.util.Set;

/**
 * A person who logs in.
 *
 * @param username the login name, lower case
 * @param roles admin, operator or viewer (robots are clients, never people)
 * @param fleets the fleets the person may see and act on, {@code *} for all
 * @param enabled whether the person may log in and get tokens
 */
public record UserAccount(String username, List<String> roles, List<String> fleets, boolean enabled) {

	static final Set<String> PEOPLE_ROLES = Set.of("admin", "operator", "viewer");

	public UserAccount {
		roles = List.copyOf(roles);
		fleets = List.copyOf(fleets);
	}

	ClientAccess rights() {
		return new ClientAccess(this.roles, this.fleets, null);
	}

}
