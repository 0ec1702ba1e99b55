package io.opencontrol.auth.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** People in PostgreSQL, with passwords stored only as bcrypt hashes. */
@Service
public class Users {

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	Users(JdbcClient jdbc, PasswordEncoder passwords) {
		this.jdbc = jdbc;
		this.passwords = passwords;
	}

	public UserAccount create(String username, String rawPassword, List<String> roles, List<String> fleets) {
		if (!UserAccount.PEOPLE_ROLES.containsAll(roles)) {
			throw new IllegalArgumentException("people have the roles " + UserAccount.PEOPLE_ROLES + ", not " + roles);
		}
		try {
			this.jdbc.sql("insert into app_user (username, password_hash, roles, fleets) values (?, ?, ?, ?)")
				.params(username, this.passwords.encode(rawPassword), roles.toArray(String[]::new),
						fleets.toArray(String[]::new))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new UserAlreadyExists(username);
		}
		return new UserAccount(username, roles, fleets, true);
	}

	public List<UserAccount> list() {
		return this.jdbc.sql("select username, roles, fleets, enabled from app_user order by username")
			.query((rs, row) -> account(rs))
			.list();
	}

	public void disable(String username) {
		if (this.jdbc.sql("update app_user set enabled = false where username = ?").param(username).update() == 0) {
			throw new NoSuchAccount("user", username);
		}
	}

	/** The account and its password hash, for login. */
	Optional<Login> login(String username) {
		return this.jdbc.sql("select username, roles, fleets, enabled, password_hash from app_user where username = ?")
			.param(username)
			.query((rs, row) -> new Login(account(rs), rs.getString("password_hash")))
			.optional();
	}

	/** The rights an enabled person's tokens carry. */
	public Optional<ClientAccess> rightsOf(String username) {
		return login(username).map(Login::account).filter(UserAccount::enabled).map(UserAccount::rights);
	}

	private static UserAccount account(ResultSet rs) throws SQLException {
		return new UserAccount(rs.getString("username"), strings(rs, "roles"), strings(rs, "fleets"),
				rs.getBoolean("enabled"));
	}

	private static List<String> strings(ResultSet rs, String column) throws SQLException {
		return Arrays.asList((String[]) rs.getArray(column).getArray());
	}

	record Login(UserAccount account, String passwordHash) {
	}

}
