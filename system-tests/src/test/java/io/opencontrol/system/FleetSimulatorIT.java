package io.opencontrol.system;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fleet simulator as bin/opencontrol demo starts it (the edge-gateway jar through
 * PropertiesLauncher), against the real stack: its robots, each behind its own edge
 * gateway with its own credentials, take the tasks the dispatcher assigns, do them and
 * complete them, while their telemetry and heartbeats reach the coordinator.
 */
class FleetSimulatorIT {

	static final JsonMapper json = JsonMapper.shared();

	static final String FLEET = "demo-fleet";

	static final List<String> ROBOTS = List.of("sim-robot-1", "sim-robot-2");

	static LocalStack stack;

	static Process simulator;

	static Path log;

	@BeforeAll
	static void startStackAndFleet() throws Exception {
		stack = LocalStack.start(List.of("auth-service", "model-server", "fleet-coordinator", "gateway"));
		String admin = stack.demoToken("admin");
		assertThat(stack
			.throughGateway("POST", "/api/fleets", admin,
					"{\"id\":\"" + FLEET + "\",\"name\":\"demo\",\"map_width_m\":40,"
							+ "\"map_height_m\":40,\"chargers\":[{\"id\":\"dock\",\"x\":2,\"y\":2}]}")
			.statusCode()).isEqualTo(201);
		List<String> credentials = new ArrayList<>();
		int place = 5;
		for (String robot : ROBOTS) {
			assertThat(stack
				.throughGateway("POST", "/api/robots", admin,
						"{\"id\":\"" + robot + "\",\"fleet\":\"" + FLEET
								+ "\",\"capabilities\":[\"pick\",\"inspect\"],\"x\":" + place + ",\"y\":" + place
								+ ",\"speed_mps\":2,\"battery_pct\":90,\"capacity\":2}")
				.statusCode()).isEqualTo(201);
			place += 20;
			HttpResponse<String> client = stack.throughGateway("POST", "/api/admin/robots", admin,
					"{\"robot_id\":\"" + robot + "\",\"fleet\":\"" + FLEET + "\"}");
			assertThat(client.statusCode()).as(client.body()).isEqualTo(201);
			JsonNode issued = json.readTree(client.body());
			credentials
				.add(robot + " " + issued.path("client_id").asString() + " " + issued.path("client_secret").asString());
		}
		Path work = stack.work("simulator");
		Files.createDirectories(work);
		Path robots = Files.write(work.resolve("robots"), credentials);
		log = work.resolve("fleet-simulator.log");
		String java = ProcessHandle.current().info().command().orElse("java");
		simulator = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC",
				"-Dloader.main=io.opencontrol.simulator.FleetSimulatorApplication", "-cp",
				ServiceProcess.jar("edge-gateway").toString(),
				"org.springframework.boot.loader.launch.PropertiesLauncher",
				"--opencontrol.simulator.cloud-url=" + stack.service("gateway").uri(""),
				"--opencontrol.simulator.credentials=" + robots, "--opencontrol.simulator.work=" + work,
				"--opencontrol.simulator.operator-client-secret=" + LocalStack.DEMO_SECRET,
				"--opencontrol.simulator.time-scale=10", "--opencontrol.simulator.tick=100ms",
				"--opencontrol.simulator.task-every=1s", "--opencontrol.simulator.summary-every=5s")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

	@AfterAll
	static void stopAll() throws Exception {
		if (simulator != null) {
			simulator.destroy();
			if (!simulator.waitFor(30, TimeUnit.SECONDS)) {
				simulator.destroyForcibly();
			}
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void theSimulatedRobotsDoTheirTasksAndReportThroughTheirEdgeGateways() throws Exception {
		String viewer = stack.demoToken("viewer");
		Set<String> finishedBy = new HashSet<>();
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			assertThat(simulator.isAlive()).as("the simulator is running; its log:\n%s", tail()).isTrue();
			JsonNode completed = json
				.readTree(stack.throughGateway("GET", "/api/tasks?fleet=" + FLEET + "&status=completed", viewer, null)
					.body());
			completed.forEach((task) -> finishedBy.add(task.path("robot_id").asString()));
			assertThat(completed.size()).as("tasks completed").isGreaterThanOrEqualTo(4);
			assertThat(finishedBy).containsExactlyInAnyOrderElementsOf(ROBOTS);
		});
		for (String robot : ROBOTS) {
			JsonNode heartbeat = json
				.readTree(stack.throughGateway("GET", "/api/robots/" + robot + "/heartbeat", viewer, null).body());
			assertThat(heartbeat.path("sensors").path("camera_feed").asString()).isIn("ok", "degraded");
			assertThat(heartbeat.path("circuit").asString()).isEqualTo("closed");
			JsonNode telemetry = json.readTree(
					stack.throughGateway("GET", "/api/robots/" + robot + "/telemetry?limit=5", viewer, null).body());
			assertThat(telemetry.size()).isEqualTo(5);
			assertThat(telemetry.get(0).path("data").has("battery_pct")).isTrue();
		}
	}

	private static String tail() {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

}
