package io.opencontrol.fleet.robots;

import java.util.List;

import io.opencontrol.fleet.fleets.Fleet;
import io.opencontrol.fleet.fleets.Fleets;
import io.opencontrol.platform.security.CallerRights;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Robots as a caller may see and change them: only those of fleets in its token's scope.
 * A robot of another fleet is reported as not existing.
 */
@Service
public class Robots {

	private final RobotRepository repository;

	private final Fleets fleets;

	Robots(RobotRepository repository, Fleets fleets) {
		this.repository = repository;
		this.fleets = fleets;
	}

	@Transactional
	public Robot register(CallerRights caller, Robot robot) {
		Fleet fleet = this.fleets.get(caller, robot.fleet());
		fleet.requireOnMap("robot " + robot.id(), robot.x(), robot.y());
		this.repository.insert(robot);
		return robot;
	}

	@Transactional
	public Robot updateRegistration(CallerRights caller, String id, List<String> capabilities, double speedMps,
			int capacity) {
		get(caller, id);
		this.repository.updateRegistration(id, capabilities, speedMps, capacity);
		return get(caller, id);
	}

	public Robot get(CallerRights caller, String id) {
		return this.repository.find(id)
			.filter((robot) -> caller.canSee(robot.fleet()))
			.orElseThrow(() -> new RobotNotFound(id));
	}

	/** The caller's robots, of one fleet or of all it may see. */
	public List<Robot> list(CallerRights caller, String fleet) {
		List<String> scope = this.fleets.scope(caller, fleet);
		return this.repository.inFleets(scope);
	}

}
