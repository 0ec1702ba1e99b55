package io.opencontrol.fleet.fleets;

import java.time.Instant;

/**
 * A fleet whose row this transaction has locked: changes to its tasks are serialised, so
 * decisions see every earlier one and its events commit in id order.
 *
 * @param fleet the fleet and its map
 * @param now the database's time for this transaction, which every decision in it uses
 */
public record LockedFleet(Fleet fleet, Instant now) {

}
