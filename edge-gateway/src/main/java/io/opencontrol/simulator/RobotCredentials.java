package io.opencontrol.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated robot's identity: its id in the fleet and its OAuth2 client.
 *
 * @param robotId the robot
 * @param clientId its client
 * @param clientSecret its secret
 */
record RobotCredentials(String robotId, String clientId, String clientSecret) {

	/**
	 * The file bin/opencontrol writes: one robot per line, fields separated by spaces.
	 */
	static List<RobotCredentials> read(Path file) throws IOException {
		List<RobotCredentials> robots = new ArrayList<>();
		int number = 0;
		for (String line : Files.readAllLines(file)) {
			number++;
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] fields = line.trim().split("\\s+");
			if (fields.length != 3) {
				throw new IllegalArgumentException(file + " line " + number
						+ ": expected robot id, client id and secret, found " + fields.length + " fields");
			}
			robots.add(new RobotCredentials(fields[0], fields[1], fields[2]));
		}
		if (robots.isEmpty()) {
			throw new IllegalArgumentException(file + " names no robots");
		}
		return robots;
	}

}
