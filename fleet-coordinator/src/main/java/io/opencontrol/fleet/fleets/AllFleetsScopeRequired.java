package io.opencontrol.fleet.fleets;

/** Creating a fleet needs a token scoped to all fleets ({@code *}). */
public class AllFleetsScopeRequired extends RuntimeException {

	public AllFleetsScopeRequired() {
		super("Creating a fleet needs access to all fleets");
	}

}
