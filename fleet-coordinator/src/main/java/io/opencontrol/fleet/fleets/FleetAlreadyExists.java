package io.opencontrol.fleet.fleets;

/** A fleet with this id exists already. */
public class FleetAlreadyExists extends RuntimeException {

	public FleetAlreadyExists(String fleet) {
		super("A fleet '" + fleet + "' exists already");
	}

}
