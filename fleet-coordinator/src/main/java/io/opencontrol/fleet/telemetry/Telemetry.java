package io.opencontrol.fleet.telemetry;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opencontrol.fleet.robots.RobotNotFound;
import io.opencontrol.fleet.robots.Robots;
import io.opencontrol.platform.security.CallerRights;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Telemetry that robots' edge gateways forward from their journals. A batch is stored in
 * one statement and a record that arrived before is skipped, so a batch sent again after
 * a crash or a lost answer stores each record exactly once, in journal order.
 */
@Service
public class Telemetry {

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final Robots robots;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Telemetry(Robots robots, JdbcClient jdbc, JsonMapper json) {
		this.robots = robots;
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Stores a robot's own batch; the records must be in journal order. */
	@Transactional
	public Receipt ingest(CallerRights caller, String robotId, UUID journal, List<TelemetryRecord> records) {
		if (!caller.isRobot(robotId)) {
			throw new RobotNotFound(robotId);
		}
		this.robots.get(caller, robotId);
		int count = records.size();
		long[] sequences = new long[count];
		String[] priorities = new String[count];
		String[] recordedAt = new String[count];
		String[] data = new String[count];
		for (int i = 0; i < count; i++) {
			TelemetryRecord record = records.get(i);
			if (i > 0 && record.sequence() <= sequences[i - 1]) {
				throw new SequencesNotRising(sequences[i - 1], record.sequence());
			}
			sequences[i] = record.sequence();
			priorities[i] = record.priority();
			recordedAt[i] = record.recordedAt().toString();
			data[i] = this.json.writeValueAsString(record.data());
		}
		int accepted = this.jdbc
			.sql("""
					insert into telemetry (robot_id, journal_id, sequence, priority, recorded_at, data)
					select :robot, :journal, r.sequence, r.priority, cast(r.recorded_at as timestamptz), cast(r.data as jsonb)
					from unnest(cast(:sequences as bigint[]), cast(:priorities as text[]), cast(:recorded as text[]),
					    cast(:data as text[])) as r (sequence, priority, recorded_at, data)
					order by r.sequence
					on conflict (robot_id, journal_id, sequence) do nothing""")
			.param("robot", robotId)
			.param("journal", journal)
			.param("sequences", sequences)
			.param("priorities", priorities)
			.param("recorded", recordedAt)
			.param("data", data)
			.update();
		return new Receipt(accepted, count - accepted, sequences[count - 1]);
	}

	/** A robot's telemetry in the order it arrived, after the record {@code afterId}. */
	public List<StoredTelemetry> read(CallerRights caller, String robotId, long afterId, int limit) {
		this.robots.get(caller, robotId);
		return this.jdbc.sql("""
				select id, robot_id, journal_id, sequence, priority, recorded_at, received_at, data from telemetry
				where robot_id = ? and id > ? order by id limit ?""")
			.params(robotId, afterId, limit)
			.query((rs, row) -> new StoredTelemetry(rs.getLong("id"), rs.getString("robot_id"),
					rs.getObject("journal_id", UUID.class), rs.getLong("sequence"), rs.getString("priority"),
					rs.getTimestamp("recorded_at").toInstant(), rs.getTimestamp("received_at").toInstant(),
					this.json.readValue(rs.getString("data"), OBJECT)))
			.list();
	}

}
