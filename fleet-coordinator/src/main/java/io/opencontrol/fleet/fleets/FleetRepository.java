package io.opencontrol.fleet.fleets;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Fleets and their chargers in PostgreSQL. */
@Repository
class FleetRepository {

	private final JdbcClient jdbc;

	FleetRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	void insert(Fleet fleet) {
		try {
			this.jdbc.sql("insert into fleet (id, name, map_width_m, map_height_m) values (?, ?, ?, ?)")
				.params(fleet.id(), fleet.name(), fleet.mapWidthM(), fleet.mapHeightM())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new FleetAlreadyExists(fleet.id());
		}
		insertChargers(fleet);
	}

	@Transactional
	void update(Fleet fleet) {
		this.jdbc.sql("update fleet set name = ?, map_width_m = ?, map_height_m = ? where id = ?")
			.params(fleet.name(), fleet.mapWidthM(), fleet.mapHeightM(), fleet.id())
			.update();
		this.jdbc.sql("delete from charger where fleet_id = ?").param(fleet.id()).update();
		insertChargers(fleet);
	}

	Optional<Fleet> find(String id) {
		List<Fleet.Charger> chargers = this.jdbc.sql("select id, x, y from charger where fleet_id = ? order by id")
			.param(id)
			.query((rs, row) -> new Fleet.Charger(rs.getString("id"), rs.getDouble("x"), rs.getDouble("y")))
			.list();
		return this.jdbc.sql("select id, name, map_width_m, map_height_m from fleet where id = ?")
			.param(id)
			.query((rs, row) -> new Fleet(rs.getString("id"), rs.getString("name"), rs.getDouble("map_width_m"),
					rs.getDouble("map_height_m"), chargers))
			.optional();
	}

	/**
	 * The fleet, its row locked until the transaction ends, and the transaction's time.
	 * Every change to a fleet's tasks takes this lock first, so such changes (and their
	 * events) commit one after another in the order they were made.
	 */
	Optional<LockedFleet> lock(String id) {
		// One round trip: it is taken first by every assignment, under contention.
		return read(id, " for no key update of f").map((read) -> new LockedFleet(read.fleet(), read.now()));
	}

	/** The fleet and the transaction's time, without taking the fleet's lock. */
	Optional<FleetAsOf> asOfNow(String id) {
		return read(id, "");
	}

	private Optional<FleetAsOf> read(String id, String locking) {
		return this.jdbc.sql("""
				select now() as now, f.xmin::text as version, f.name, f.map_width_m, f.map_height_m,
				       array(select c.id from charger c where c.fleet_id = f.id order by c.id) as charger_ids,
				       array(select c.x from charger c where c.fleet_id = f.id order by c.id) as charger_xs,
				       array(select c.y from charger c where c.fleet_id = f.id order by c.id) as charger_ys
				from fleet f where f.id = ?""" + locking).param(id).query((rs, row) -> {
			String[] ids = (String[]) rs.getArray("charger_ids").getArray();
			Double[] xs = (Double[]) rs.getArray("charger_xs").getArray();
			Double[] ys = (Double[]) rs.getArray("charger_ys").getArray();
			List<Fleet.Charger> chargers = new java.util.ArrayList<>();
			for (int i = 0; i < ids.length; i++) {
				chargers.add(new Fleet.Charger(ids[i], xs[i], ys[i]));
			}
			return new FleetAsOf(new Fleet(id, rs.getString("name"), rs.getDouble("map_width_m"),
					rs.getDouble("map_height_m"), chargers), rs.getTimestamp("now").toInstant(),
					rs.getString("version"));
		}).optional();
	}

	List<String> ids() {
		return this.jdbc.sql("select id from fleet order by id").query(String.class).list();
	}

	List<Fleet> list() {
		Map<String, List<Fleet.Charger>> chargers = this.jdbc.sql("select fleet_id, id, x, y from charger order by id")
			.query((rs, row) -> Map.entry(rs.getString("fleet_id"),
					new Fleet.Charger(rs.getString("id"), rs.getDouble("x"), rs.getDouble("y"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return this.jdbc.sql("select id, name, map_width_m, map_height_m from fleet order by id")
			.query((rs, row) -> new Fleet(rs.getString("id"), rs.getString("name"), rs.getDouble("map_width_m"),
					rs.getDouble("map_height_m"), chargers.getOrDefault(rs.getString("id"), List.of())))
			.list();
	}

	private void insertChargers(Fleet fleet) {
		for (Fleet.Charger charger : fleet.chargers()) {
			this.jdbc.sql("insert into charger (fleet_id, id, x, y) values (?, ?, ?, ?)")
				.params(fleet.id(), charger.id(), charger.x(), charger.y())
				.update();
		}
	}

}
