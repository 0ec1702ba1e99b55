package io.opencontrol.simulator;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the simulated fleet with an admin's token: the fleet (a 100 m square with two
 * chargers), robots {@code sim-robot-1..N} and an OAuth2 client per robot. Whatever
 * exists already is kept, so a restarted simulator enrols nothing twice. The auth-service
 * shows a client's secret once: each is kept in the credentials file, which only its
 * owner reads.
 */
class FleetEnrolment {

	private static final Logger logger = LoggerFactory.getLogger(FleetEnrolment.class);

	private final Operator admin;

	private final JsonMapper json;

	FleetEnrolment(Operator admin, JsonMapper json) {
		this.admin = admin;
		this.json = json;
	}

	void enrol(String fleet, int robots, Path credentials) throws IOException, InterruptedException {
		created("fleet " + fleet, "/api/fleets",
				Map.of("id", fleet, "name", "Simulated fleet", "map_width_m", 100, "map_height_m", 100, "chargers",
						List.of(Map.of("id", "dock-1", "x", 5, "y", 5), Map.of("id", "dock-2", "x", 95, "y", 95))));
		List<String> known = Files.exists(credentials) ? Files.readAllLines(credentials) : List.of();
		for (int index = 1; index <= robots; index++) {
			String robot = "sim-robot-" + index;
			created(robot, "/api/robots", robotBody(robot, fleet, index));
			if (known.stream().noneMatch((line) -> line.startsWith(robot + " "))) {
				append(credentials, robot + " " + client(robot, fleet));
			}
		}
		logger.info("Fleet {} has its {} simulated robots and their clients", fleet, robots);
	}

	/** Spread over the map, with speeds and charges that differ from robot to robot. */
	private static Map<String, Object> robotBody(String robot, String fleet, int index) {
		return Map.of("id", robot, "fleet", fleet, "capabilities", List.of("pick", "inspect"), "x",
				10 + (index * 37) % 80, "y", 10 + (index * 53) % 80, "speed_mps", 1.0 + (index % 5) / 10.0,
				"battery_pct", 60 + (index * 7) % 40, "capacity", 2);
	}

	private String client(String robot, String fleet) throws IOException, InterruptedException {
		HttpResponse<String> answer = this.admin.post("/api/admin/robots", Map.of("robot_id", robot, "fleet", fleet));
		if (answer.statusCode() != 201) {
			throw new IOException("the client of " + robot + " could not be created: HTTP " + answer.statusCode() + " "
					+ answer.body() + " (a client made by an earlier run whose credentials were lost"
					+ " stays: start with fresh auth-service data)");
		}
		JsonNode issued = this.json.readTree(answer.body());
		return issued.path("client_id").asString() + " " + issued.path("client_secret").asString();
	}

	private void created(String what, String path, Map<String, Object> body) throws IOException, InterruptedException {
		HttpResponse<String> answer = this.admin.post(path, body);
		if (answer.statusCode() != 201 && answer.statusCode() != 409) {
			throw new IOException(what + " could not be registered: HTTP " + answer.statusCode() + " " + answer.body());
		}
	}

	private static void append(Path file, String line) throws IOException {
		if (!Files.exists(file)) {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.APPEND);
	}

}
