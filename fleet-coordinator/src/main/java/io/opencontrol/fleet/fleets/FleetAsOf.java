package io.opencontrol.fleet.fleets;

import java.time.Instant;

/**
 * A fleet as read without its lock, and the database's time for the transaction that read
 * it. The time is the one a {@link LockedFleet} of the same transaction carries.
 *
 * @param fleet the fleet and its map
 * @param now the database's time for this transaction
 * @param version the version of the fleet's row as read (every change to the fleet's map
 * or chargers rewrites the row), so that a decision made from it can be checked under the
 * fleet's lock
 */
public record FleetAsOf(Fleet fleet, Instant now, String version) {

}
