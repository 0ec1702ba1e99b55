package io.opencontrol.system;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A robot's edge gateway and the fleet-coordinator, through the gateway with the robot's
 * own token: heartbeats carry its sensors, mode, circuit and backlog; tasks assigned to
 * it appear on its local API, are started and finished through it, and are known again
 * after the edge gateway restarts.
 */
class EdgeFleetIT {

	static final JsonMapper json = JsonMapper.shared();

	static final String FLEET = "demo-fleet";

	static final String ROBOT = "demo-robot-1";

	static LocalStack stack;

	static Path work;

	static List<String> arguments;

	static ServiceProcess edge;

	@BeforeAll
	static void startCloudAndEdge() throws Exception {
		stack = LocalStack.start(List.of("auth-service", "fleet-coordinator", "gateway"));
		String admin = stack.demoToken("admin");
		assertThat(stack
			.throughGateway("POST", "/api/fleets", admin,
					"{\"id\":\"" + FLEET + "\",\"name\":\"demo\",\"map_width_m\":100,\"map_height_m\":100,"
							+ "\"chargers\":[{\"id\":\"dock\",\"x\":0,\"y\":0}]}")
			.statusCode()).isEqualTo(201);
		assertThat(stack
			.throughGateway("POST", "/api/robots", admin, "{\"id\":\"" + ROBOT + "\",\"fleet\":\"" + FLEET
					+ "\",\"capabilities\":[],\"x\":1,\"y\":1,\"speed_mps\":1,\"battery_pct\":90,\"capacity\":3}")
			.statusCode()).isEqualTo(201);
		work = stack.work("edge");
		arguments = new ArrayList<>(stack.edgeArguments(work));
		arguments.add("--opencontrol.edge.heartbeat.interval=300ms");
		edge = startEdge();
	}

	@AfterAll
	static void stopAll() throws Exception {
		if (edge != null) {
			edge.stop(Duration.ofSeconds(20));
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void heartbeatsCarrySensorsModeCircuitAndBacklog() throws Exception {
		assertThat(local("PUT", "/sensors/camera_feed", "{\"status\":\"ok\"}").statusCode()).isEqualTo(200);
		assertThat(local("PUT", "/sensors/force_sensor", "{\"status\":\"degraded\"}").statusCode()).isEqualTo(200);
		String viewer = stack.demoToken("viewer");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> last = stack.throughGateway("GET", "/api/robots/" + ROBOT + "/heartbeat", viewer,
					null);
			assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
			JsonNode heartbeat = json.readTree(last.body());
			assertThat(heartbeat.path("sensors").path("camera_feed").asString()).isEqualTo("ok");
			assertThat(heartbeat.path("sensors").path("force_sensor").asString()).isEqualTo("degraded");
			assertThat(heartbeat.path("circuit").asString()).isEqualTo("closed");
			assertThat(heartbeat.path("mode").asString()).isEqualTo("cloud");
			assertThat(heartbeat.path("backlog").asLong()).isZero();
		});
		JsonNode status = json.readTree(local("GET", "/status", null).body());
		assertThat(status.path("heartbeats").path("last_delivered").isNull()).isFalse();
	}

	@Test
	void assignedTasksReachTheRobotAreReportedThroughItAndSurviveARestart() throws Exception {
		String operator = stack.demoToken("operator");
		String first = assign(operator, 10, 10);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(open()).contains(first));
		assertThat(next().path("id").asString()).isEqualTo(first);

		HttpResponse<String> started = local("POST", "/assignments/" + first + "/start", null);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		assertThat(json.readTree(started.body()).path("status").asString()).isEqualTo("in_progress");
		HttpResponse<String> completed = local("POST", "/assignments/" + first + "/complete", null);
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
		assertThat(taskStatus(first)).isEqualTo("completed");
		assertThat(open()).doesNotContain(first);

		HttpResponse<String> again = local("POST", "/assignments/" + first + "/complete", null);
		assertThat(again.statusCode()).as("finishing a finished task: the coordinator's refusal").isEqualTo(409);
		assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(local("POST", "/assignments/" + UUID.randomUUID() + "/start", null).statusCode()).isEqualTo(404);

		String second = assign(operator, 20, 20);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(open()).contains(second));
		edge.stop(Duration.ofSeconds(20));
		edge = startEdge();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(open()).containsExactly(second));
	}

	@Test
	void theRobotsStateReachesTheCoordinatorAndAnOffMapPositionIsRefused() throws Exception {
		HttpResponse<String> reported = local("PUT", "/state",
				"{\"x\":42.5,\"y\":7,\"battery_pct\":64,\"status\":\"idle\"}");
		assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
		JsonNode robot = json
			.readTree(stack.throughGateway("GET", "/api/robots/" + ROBOT, stack.demoToken("viewer"), null).body());
		assertThat(robot.path("x").asDouble()).isEqualTo(42.5);
		assertThat(robot.path("battery_pct").asDouble()).isEqualTo(64);
		HttpResponse<String> offMap = local("PUT", "/state",
				"{\"x\":420,\"y\":7,\"battery_pct\":64,\"status\":\"idle\"}");
		assertThat(offMap.statusCode()).isEqualTo(422);
		assertThat(offMap.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	private static ServiceProcess startEdge() throws Exception {
		ServiceProcess started = ServiceProcess.start("edge-gateway", ServiceProcess.freePort(),
				ServiceProcess.jar("edge-gateway"), work.resolve("logs").resolve("edge-gateway.log"), List.of(),
				arguments, Map.of("OPENCONTROL_AUTH_DEMO_CLIENT_SECRET", LocalStack.DEMO_SECRET));
		ServiceProcess.awaitReady(List.of(started), Duration.ofMinutes(2));
		return started;
	}

	private static String assign(String operator, double x, double y) throws IOException {
		HttpResponse<String> assigned = stack.throughGateway("POST", "/assign_task", operator, "{\"fleet\":\"" + FLEET
				+ "\",\"type\":\"pick\",\"location\":{\"x\":" + x + ",\"y\":" + y + "},\"estimated_duration_s\":30}");
		assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
		JsonNode answer = json.readTree(assigned.body());
		assertThat(answer.path("robot_id").asString()).isEqualTo(ROBOT);
		return answer.path("task_id").asString();
	}

	private static List<String> open() throws IOException {
		List<String> ids = new ArrayList<>();
		json.readTree(local("GET", "/assignments", null).body())
			.path("tasks")
			.forEach((task) -> ids.add(task.path("id").asString()));
		return ids;
	}

	private static JsonNode next() throws IOException {
		HttpResponse<String> next = local("GET", "/assignments/next", null);
		assertThat(next.statusCode()).isEqualTo(200);
		return json.readTree(next.body());
	}

	private static String taskStatus(String task) throws IOException {
		return json.readTree(stack.throughGateway("GET", "/api/tasks/" + task, stack.demoToken("viewer"), null).body())
			.path("status")
			.asString();
	}

	private static HttpResponse<String> local(String method, String path, String body) throws IOException {
		return edge.send(HttpRequest.newBuilder(edge.uri(path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.header("Content-Type", "application/json")
			.build());
	}

}
