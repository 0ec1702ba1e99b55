package io.opencontrol.auth.access;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores {@link ClientAccess} per OAuth2 client id. */
@Repository
public class ClientAccessRepository {

	private final JdbcClient jdbc;

	ClientAccessRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<ClientAccess> findByClientId(String clientId) {
		return this.jdbc.sql("select roles, fleets, robot_id from client_access where client_id = ?")
			.param(clientId)
			.query((rs, row) -> new ClientAccess(strings(rs, "roles"), strings(rs, "fleets"), rs.getString("robot_id")))
			.optional();
	}

	public void save(String clientId, ClientAccess access) {
		this.jdbc.sql("""
				insert into client_access (client_id, roles, fleets, robot_id) values (?, ?, ?, ?)
				on conflict (client_id) do update
				set roles = excluded.roles, fleets = excluded.fleets, robot_id = excluded.robot_id
				""")
			.params(clientId, access.roles().toArray(String[]::new), access.fleets().toArray(String[]::new),
					access.robotId())
			.update();
	}

	private static List<String> strings(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return Arrays.asList((String[]) array.getArray());
	}

}
