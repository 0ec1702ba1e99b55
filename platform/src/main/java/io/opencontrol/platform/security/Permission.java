package io.opencontrol.platform.security;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a call needs (ARCHITECTURE §2), as the authority the gateway's rules check. */
public enum Permission {

	/** Every GET of status, robots, tasks, models, health. */
	READ,

	/** Inference, task assignment and task transitions. */
	CONTROL,

	/** Registration and configuration of robots and fleets, models, clients and users. */
	WRITE,

	/** A robot acting for itself: inference, its state and telemetry, its assignments. */
	ROBOT;

	public String authority() {
		return "PERMISSION_" + name();
	}

	public GrantedAuthority granted() {
		return new SimpleGrantedAuthority(authority());
	}

	/** The permissions a role grants; an unknown role grants none. */
	public static Set<Permission> of(String role) {
		return switch (role) {
			case "admin" -> EnumSet.of(READ, WRITE, CONTROL);
			case "operator" -> EnumSet.of(READ, CONTROL);
			case "viewer" -> EnumSet.of(READ);
			case "robot" -> EnumSet.of(ROBOT);
			default -> EnumSet.noneOf(Permission.class);
		};
	}

}
