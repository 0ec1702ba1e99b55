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

	/** The rights of an enabled client; empty for an unknown or disabled one. */
	public Optional<ClientAccess> findEnabled(String clientId) {
		return this.jdbc.sql("select roles, fleets, robot_id from client_access where client_id = ? and enabled")
			.param(clientId)
			.query((rs, row) -> new ClientAccess(strings(rs, "roles"), strings(rs, "fleets"), rs.getString("robot_id")))
			.optional();
	}

	public void save(String clientId, ClientAccess access) {
		this.jdbc.sql("""
				insert into client_access (client_id, roles, fleets, robot_id, enabled) values (?, ?, ?, ?, true)
				on conflict (client_id) do update
				set roles = excluded.roles, fleets = excluded.fleets, robot_id = excluded.robot_id, enabled = true
				""")
			.params(clientId, access.roles().toArray(String[]::new), access.fleets().toArray(String[]::new),
					access.robotId())
			.update();
	}

	List<MachineClient> list() {
		return this.jdbc.sql("""
				select c.client_id, c.client_name, a.roles, a.fleets, a.robot_id, a.enabled
				from oauth2_registered_client c join client_access a on a.client_id = c.client_id
				order by c.client_id
				""")
			.query((rs, row) -> new MachineClient(rs.getString("client_id"), rs.getString("client_name"),
					new ClientAccess(strings(rs, "roles"), strings(rs, "fleets"), rs.getString("robot_id")),
					rs.getBoolean("enabled")))
			.list();
	}

	boolean disable(String clientId) {
		return this.jdbc.sql("update client_access set enabled = false where client_id = ?")
			.param(clientId)
			.update() > 0;
	}

	private static List<String> strings(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return Arrays.asList((String[]) array.getArray());
	}

}
