package io.opencontrol.fleet.robots;

import java.time.Instant;
import java.util.List;

/**
 * A robot as the coordinator knows it.
 *
 * @param id its id, unique across fleets
 * @param fleet the fleet it belongs to
 * @param capabilities what it can do; tasks name the ones they require
 * @param x its position on the fleet's map, metres
 * @param y its position on the fleet's map, metres
 * @param speedMps its travel speed
 * @param batteryPct its charge, 0 to 100
 * @param capacity how many tasks it may hold at once
 * @param status idle, busy, charging or offline
 * @param lastSeen when it last reported, or {@code null}
 */
public record Robot(String id, String fleet, List<String> capabilities, double x, double y, double speedMps,
		double batteryPct, int capacity, String status, Instant lastSeen) {

	public Robot {
		capabilities = List.copyOf(capabilities);
	}

}
