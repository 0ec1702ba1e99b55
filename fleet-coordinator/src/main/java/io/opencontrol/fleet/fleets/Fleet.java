package io.opencontrol.fleet.fleets;

import java.util.List;

/**
 * A fleet and the map it works on: a rectangle of {@code mapWidthM} by {@code mapHeightM}
 * metres with the origin in a corner, and its chargers.
 */
public record Fleet(String id, String name, double mapWidthM, double mapHeightM, List<Charger> chargers) {

	public Fleet {
		chargers = List.copyOf(chargers);
	}

	public boolean contains(double x, double y) {
		return x >= 0 && y >= 0 && x <= this.mapWidthM && y <= this.mapHeightM;
	}

	/** Throws {@link OutsideTheMap} unless the point is on this fleet's map. */
	public void requireOnMap(String what, double x, double y) {
		if (!contains(x, y)) {
			throw new OutsideTheMap(this.id, what, x, y, this.mapWidthM, this.mapHeightM);
		}
	}

	/** A charging station. */
	public record Charger(String id, double x, double y) {
	}

}
