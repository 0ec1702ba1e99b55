package io.opencontrol.fleet.fleets;

import java.time.Instant;

/**
 * A fleet as read without its lock, and the database's time for the transaction that read
 * it. The time is the one a {@link LockedFleet} of the same transaction carries.
 *
 * @param fleet the fleet and its map
 * @param now the database's time for this transaction
 */
public record FleetAsOf(Fleet fleet, Instant now) {

}
