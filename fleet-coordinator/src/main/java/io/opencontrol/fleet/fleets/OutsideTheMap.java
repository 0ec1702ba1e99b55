package io.opencontrol.fleet.fleets;

/** A position that is not on its fleet's map. */
public class OutsideTheMap extends RuntimeException {

	public OutsideTheMap(String fleet, String what, double x, double y, double width, double height) {
		super(what + " (" + x + ", " + y + ") is outside the map of fleet '" + fleet + "' (0..." + width + " x 0..."
				+ height + " m)");
	}

}
