package io.opencontrol.auth.access;

/** A client with this id exists already. */
public class ClientAlreadyExists extends RuntimeException {

	public ClientAlreadyExists(String clientId) {
		super("A client with id '" + clientId + "' exists already");
	}

}
