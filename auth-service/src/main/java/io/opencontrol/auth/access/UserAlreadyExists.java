package io.opencontrol.auth.access;

/** A user with this name exists already. */
public class UserAlreadyExists extends RuntimeException {

	public UserAlreadyExists(String username) {
		super("A user named '" + username + "' exists already");
	}

}
