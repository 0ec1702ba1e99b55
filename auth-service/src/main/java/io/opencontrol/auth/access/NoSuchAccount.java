package io.opencontrol.auth.access;

/** No user or client has this name. */
public class NoSuchAccount extends RuntimeException {

	public NoSuchAccount(String kind, String name) {
		super("No " + kind + " named '" + name + "'");
	}

}
