package io.opencontrol.fleet.fleets;

import java.util.List;
import java.util.Optional;

import io.opencontrol.platform.security.CallerRights;

import org.springframework.stereotype.Service;

/** Fleets as a caller may see and change them: only those in its token's fleet scope. */
@Service
public class Fleets {

	private final FleetRepository repository;

	Fleets(FleetRepository repository) {
		this.repository = repository;
	}

	public Fleet create(CallerRights caller, Fleet fleet) {
		if (!caller.canSeeAllFleets()) {
			throw new AllFleetsScopeRequired();
		}
		requireChargersOnMap(fleet);
		this.repository.insert(fleet);
		return fleet;
	}

	public Fleet replace(CallerRights caller, Fleet fleet) {
		get(caller, fleet.id());
		requireChargersOnMap(fleet);
		this.repository.update(fleet);
		return fleet;
	}

	/**
	 * The fleet, if it exists and the caller may see it; {@link FleetNotFound} otherwise.
	 */
	public Fleet get(CallerRights caller, String id) {
		return this.repository.find(id)
			.filter((fleet) -> caller.canSee(fleet.id()))
			.orElseThrow(() -> new FleetNotFound(id));
	}

	/**
	 * The fleet ids a listing covers: the one asked for, if the caller may see it
	 * ({@link FleetNotFound} otherwise), or every fleet the caller may see.
	 */
	public List<String> scope(CallerRights caller, String fleet) {
		List<String> visible = this.repository.ids().stream().filter(caller::canSee).toList();
		if (fleet == null) {
			return visible;
		}
		if (!visible.contains(fleet)) {
			throw new FleetNotFound(fleet);
		}
		return List.of(fleet);
	}

	/** The fleet whatever the caller; for the coordinator's own decisions. */
	public Optional<Fleet> find(String id) {
		return this.repository.find(id);
	}

	/**
	 * The fleet as this transaction sees it now, without its lock: for work that may be
	 * done before the lock is taken and checked after.
	 */
	public FleetAsOf asOfNow(String id) {
		return this.repository.asOfNow(id).orElseThrow(() -> new FleetNotFound(id));
	}

	/**
	 * Locks the fleet for a change to its tasks (see {@link LockedFleet}); the caller's
	 * scope must have been checked already. Must run in a transaction.
	 */
	public LockedFleet lock(String id) {
		return this.repository.lock(id).orElseThrow(() -> new FleetNotFound(id));
	}

	public List<Fleet> list(CallerRights caller) {
		return this.repository.list().stream().filter((fleet) -> caller.canSee(fleet.id())).toList();
	}

	private static void requireChargersOnMap(Fleet fleet) {
		fleet.chargers().forEach((charger) -> fleet.requireOnMap("charger " + charger.id(), charger.x(), charger.y()));
	}

}
