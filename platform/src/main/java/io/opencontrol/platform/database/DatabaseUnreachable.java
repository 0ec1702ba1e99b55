package io.opencontrol.platform.database;

import java.time.Duration;

import io.opencontrol.platform.startup.StartupRefused;

/** The configured database server did not accept a connection in the time allowed. */
public class DatabaseUnreachable extends StartupRefused {

	DatabaseUnreachable(String host, int port, Duration within, String reason) {
		super("the database at " + host + ":" + port + " (spring.datasource.url, SPRING_DATASOURCE_URL) could not be"
				+ " reached within " + within.toSeconds() + "s: " + reason,
				"Start the database, or correct the host in SPRING_DATASOURCE_URL.");
	}

}
