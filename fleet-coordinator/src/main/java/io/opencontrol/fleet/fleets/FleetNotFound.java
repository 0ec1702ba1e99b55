package io.opencontrol.fleet.fleets;

/**
 * No fleet with this id exists for the caller. A fleet outside the caller's scope is
 * reported the same way, so nobody learns which other fleets exist.
 */
public class FleetNotFound extends RuntimeException {

	public FleetNotFound(String fleet) {
		super("No fleet '" + fleet + "'");
	}

}
