package io.opencontrol.fleet.assignment;

import java.time.Duration;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers given to requests that carried an {@code Idempotency-Key}, kept per caller so a
 * repeated request (a client retrying after a lost answer) gets the first answer instead
 * of a second task.
 */
@Component
class IdempotentRequests {

	private final JdbcClient jdbc;

	IdempotentRequests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Stored> find(String caller, String key) {
		return this.jdbc.sql("select request_hash, response::text from idempotent_request where caller = ? and key = ?")
			.params(caller, key)
			.query((rs, row) -> new Stored(rs.getString(1), rs.getString(2)))
			.optional();
	}

	/**
	 * Keeps the answer; {@code false} if another request with this key got there first.
	 */
	boolean save(String caller, String key, String requestHash, int status, String response) {
		return this.jdbc.sql("""
				insert into idempotent_request (caller, key, request_hash, status, response)
				values (?, ?, ?, ?, cast(? as jsonb)) on conflict do nothing""")
			.params(caller, key, requestHash, status, response)
			.update() == 1;
	}

	int forgetOlderThan(Duration age) {
		return this.jdbc.sql("delete from idempotent_request where created_at < now() - make_interval(secs => ?)")
			.param(age.toMillis() / 1000.0)
			.update();
	}

	record Stored(String requestHash, String response) {
	}

}
