package io.opencontrol.system;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The compose stack of deploy/ for real: images built with the engine at hand, the stack
 * brought up by deploy/compose.sh (as bin/opencontrol compose up does), then driven only
 * through its gateway and Prometheus, as a developer would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackIT {

	static final JsonMapper json = JsonMapper.shared();

	static final Path REFERENCE = ServiceProcess.ROOT.resolve("model-server/demo/reference");

	static ComposeStack stack;

	@BeforeAll
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	static void buildImagesAndStart() throws Exception {
		assumeThat(ComposeStack.engineAnswers()).as("a container engine (docker or podman) answers").isTrue();
		stack = ComposeStack.up(Path.of(System.getProperty("opencontrol.work", "target/system-test"), "compose"));
	}

	@AfterAll
	static void down() throws Exception {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Order(0)
	void theComposeFileIsValidForDockerCompose() throws Exception {
		ComposeStack.Result config = stack.compose("config", "-q").requireSuccess();
		assertThat(config.output()).as("warnings").isBlank();
	}

	@Test
	@Order(1)
	void everyRoleGetsATokenThroughTheGatewayAndAViewerReadsHealth() throws Exception {
		for (String role : List.of("admin", "operator", "viewer", "robot")) {
			assertThat(stack.token(role)).as(role).isNotBlank();
		}
		HttpResponse<byte[]> health = stack.send(HttpRequest.newBuilder(stack.gateway("/health")),
				stack.token("viewer"));
		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(health.body());
		assertThat(body.path("status").asString()).isEqualTo("UP");
		assertThat(body.path("components").propertyNames()).contains("auth_service", "model_server",
				"fleet_coordinator");
	}

	@Test
	@Order(2)
	void anOperatorAssignsATaskThatOutlivesTheCoordinatorsContainer() throws Exception {
		String admin = stack.token("admin");
		assertThat(post("/api/robots", admin,
				"{\"id\":\"compose-robot-1\",\"fleet\":\"demo-fleet\",\"capabilities\":[],\"x\":1,\"y\":1,"
						+ "\"speed_mps\":1,\"battery_pct\":90,\"capacity\":2}")
			.statusCode()).isIn(201, 409);
		HttpResponse<byte[]> assigned = post("/assign_task", stack.token("operator"),
				"{\"fleet\":\"demo-fleet\",\"type\":\"pick\",\"location\":{\"x\":10,\"y\":10},\"estimated_duration_s\":30}");
		assertThat(assigned.statusCode()).as(new String(assigned.body(), StandardCharsets.UTF_8)).isIn(200, 201);
		String task = json.readTree(assigned.body()).path("task_id").asString();
		assertThat(json.readTree(assigned.body()).path("robot_id").asString()).isEqualTo("compose-robot-1");

		stack.compose("stop", "fleet-coordinator").requireSuccess();
		stack.compose("start", "fleet-coordinator").requireSuccess();

		// No edge gateway sends this robot's heartbeats: by now it may be offline and its
		// task queued again. What must survive is the data: the task and the robot.
		String viewer = stack.token("viewer");
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			HttpResponse<byte[]> kept = stack.send(HttpRequest.newBuilder(stack.gateway("/api/tasks/" + task)), viewer);
			assertThat(kept.statusCode()).isEqualTo(200);
			JsonNode stored = json.readTree(kept.body());
			assertThat(stored.path("id").asString()).isEqualTo(task);
			assertThat(stored.path("fleet").asString()).isEqualTo("demo-fleet");
			assertThat(stored.path("type").asString()).isEqualTo("pick");
			assertThat(stack.send(HttpRequest.newBuilder(stack.gateway("/api/robots/compose-robot-1")), viewer)
				.statusCode()).isEqualTo(200);
		});
	}

	@Test
	@Order(3)
	void inferenceOverJsonAndBinaryMatchesTheReferenceOutputs() throws Exception {
		String operator = stack.token("operator");
		float[] joints = floats("joints");
		float[] image = floats("image");
		String jsonBody = "{\"inputs\":[{\"name\":\"joints\",\"datatype\":\"FP32\",\"shape\":[4,7],\"data\":"
				+ Arrays.toString(joints)
				+ "},{\"name\":\"image\",\"datatype\":\"FP32\",\"shape\":[4,3,64,64],\"data\":" + Arrays.toString(image)
				+ "}]}";
		HttpResponse<byte[]> answer = stack.send(HttpRequest.newBuilder(stack.gateway("/v2/models/world_model/infer"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(jsonBody)), operator);
		assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
		JsonNode outputs = json.readTree(answer.body()).path("outputs");
		assertClose(values(outputs.get(0).path("data")), floats("action"));
		assertClose(values(outputs.get(1).path("data")), floats("confidence"));

		String header = "{\"inputs\":[{\"name\":\"joints\",\"datatype\":\"FP32\",\"shape\":[4,7],"
				+ "\"parameters\":{\"binary_data_size\":" + joints.length * 4 + "}},{\"name\":\"image\",\"datatype\":"
				+ "\"FP32\",\"shape\":[4,3,64,64],\"parameters\":{\"binary_data_size\":" + image.length * 4 + "}}],"
				+ "\"outputs\":[{\"name\":\"action\",\"parameters\":{\"binary_data\":true}},{\"name\":\"confidence\"}]}";
		byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
		ByteBuffer body = ByteBuffer.allocate(headerBytes.length + (joints.length + image.length) * 4)
			.order(ByteOrder.LITTLE_ENDIAN);
		body.put(headerBytes);
		body.asFloatBuffer().put(joints).put(image);
		HttpResponse<byte[]> binary = stack.send(HttpRequest.newBuilder(stack.gateway("/v2/models/world_model/infer"))
			.header("Content-Type", "application/octet-stream")
			.header("Inference-Header-Content-Length", Integer.toString(headerBytes.length))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.array())), operator);
		assertThat(binary.statusCode()).isEqualTo(200);
		int length = Integer.parseInt(binary.headers().firstValue("Inference-Header-Content-Length").orElseThrow());
		float[] action = new float[4 * 7];
		ByteBuffer.wrap(binary.body(), length, action.length * 4)
			.order(ByteOrder.LITTLE_ENDIAN)
			.asFloatBuffer()
			.get(action);
		assertClose(action, floats("action"));
		JsonNode binaryOutputs = json.readTree(new String(binary.body(), 0, length, StandardCharsets.UTF_8))
			.path("outputs");
		assertClose(values(binaryOutputs.get(1).path("data")), floats("confidence"));
	}

	@Test
	@Order(4)
	void prometheusScrapesEveryServiceAndHasTheInferenceHistogram() {
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			JsonNode targets = json
				.readTree(stack.send(HttpRequest.newBuilder(stack.prometheus("/api/v1/targets")), null).body())
				.path("data")
				.path("activeTargets");
			assertThat(targets.size()).isEqualTo(6);
			targets.forEach((target) -> assertThat(target.path("health").asString())
				.as(target.path("scrapeUrl").asString() + " " + target.path("lastError").asString())
				.isEqualTo("up"));
			String query = URLEncoder.encode("opencontrol_inference_time_seconds_bucket{service=\"model-server\"}",
					StandardCharsets.UTF_8);
			JsonNode result = json
				.readTree(stack.send(HttpRequest.newBuilder(stack.prometheus("/api/v1/query?query=" + query)), null)
					.body())
				.path("data")
				.path("result");
			assertThat(result.size()).as("series of the inference histogram").isPositive();
		});
	}

	@Test
	@Order(5)
	void theFleetProfileRunsSimulatedRobotsBehindRealEdgeGateways() throws Exception {
		stack.run(Duration.ofMinutes(10), "bash", "deploy/compose.sh", "up", "--fleet", "2").requireSuccess();
		String viewer = stack.token("viewer");
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			for (String robot : List.of("sim-robot-1", "sim-robot-2")) {
				HttpResponse<byte[]> heartbeat = stack
					.send(HttpRequest.newBuilder(stack.gateway("/api/robots/" + robot + "/heartbeat")), viewer);
				assertThat(heartbeat.statusCode()).as(robot).isEqualTo(200);
				assertThat(json.readTree(heartbeat.body()).path("circuit").asString()).as(robot).isEqualTo("closed");
			}
		});
	}

	@Test
	@Order(6)
	void everyContainerRunsAsANonRootUserOnAReadOnlyRootFileSystem() throws Exception {
		List<String> containers = stack.compose("--profile", "fleet", "ps", "-q")
			.requireSuccess()
			.lines()
			.stream()
			.filter((line) -> !line.isBlank())
			.toList();
		assertThat(containers)
			.as("every container, the simulator's too, but Grafana, which cannot be pulled everywhere")
			.hasSizeGreaterThanOrEqualTo(8);
		for (String container : containers) {
			String name = inspect(container, "{{.Name}}");
			assertThat(inspect(container, "{{.HostConfig.ReadonlyRootfs}}")).as(name).isEqualTo("true");
			String uid = stack.run(Duration.ofSeconds(30), ComposeStack.engine(), "exec", container, "id", "-u")
				.requireSuccess()
				.output()
				.strip();
			assertThat(uid).as(name).isNotEqualTo("0");
			assertThat(stack.run(Duration.ofSeconds(30), ComposeStack.engine(), "exec", container, "touch", "/probe")
				.status()).as(name + " writes to /").isNotZero();
		}
	}

	@Test
	@Order(7)
	void badConfigurationStopsAContainerWithOneLineNamingTheSettingOrHost() throws Exception {
		assertRefused("SPRING_DATASOURCE_PASSWORD", "SPRING_DATASOURCE_URL=jdbc:postgresql://postgres:5432/fleet",
				"SPRING_DATASOURCE_USERNAME=fleet");
		assertRefused("db.invalid:5432", "SPRING_DATASOURCE_URL=jdbc:postgresql://db.invalid:5432/fleet",
				"SPRING_DATASOURCE_USERNAME=fleet", "SPRING_DATASOURCE_PASSWORD=secret",
				"OPENCONTROL_DATABASE_REACHABLEWITHIN=2s");
		assertRefused("'staging'", "SPRING_PROFILES_ACTIVE=staging");
	}

	@Test
	@Order(8)
	void downWithVolumesLeavesNothingOfTheProject() throws Exception {
		stack.close();
		String engine = ComposeStack.engine();
		String label = "label=com.docker.compose.project=" + ComposeStack.PROJECT;
		assertThat(stack.run(Duration.ofSeconds(30), engine, "ps", "-aq", "--filter", label).output()).isBlank();
		assertThat(stack.run(Duration.ofSeconds(30), engine, "network", "ls", "-q", "--filter", label).output())
			.isBlank();
		assertThat(stack.run(Duration.ofSeconds(30), engine, "volume", "ls", "-q", "--filter", label).output())
			.isBlank();
		stack = null;
	}

	private static void assertRefused(String named, String... environment) throws Exception {
		List<String> command = new java.util.ArrayList<>(
				List.of(ComposeStack.engine(), "run", "--rm", "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL"));
		for (String variable : environment) {
			command.addAll(List.of("-e", variable));
		}
		command.add("opencontrol/fleet-coordinator:" + projectVersion());
		ComposeStack.Result result = stack.run(Duration.ofMinutes(2), command.toArray(String[]::new));
		assertThat(result.status()).as(result.output()).isNotZero();
		List<String> refusal = result.lines().stream().filter((line) -> line.contains("Not started: ")).toList();
		assertThat(refusal).as(result.output()).hasSize(1);
		assertThat(refusal.get(0)).contains(named);
		assertThat(result.output()).as("no stack trace").doesNotContain("\tat ");
	}

	private static String inspect(String container, String format) throws Exception {
		return stack.run(Duration.ofSeconds(30), ComposeStack.engine(), "inspect", "--format", format, container)
			.requireSuccess()
			.output()
			.strip();
	}

	static String projectVersion() throws IOException {
		String pom = Files.readString(ServiceProcess.ROOT.resolve("pom.xml"));
		int artifact = pom.indexOf("<artifactId>opencontrol</artifactId>");
		int start = pom.indexOf("<version>", artifact) + "<version>".length();
		return pom.substring(start, pom.indexOf("</version>", start));
	}

	private static HttpResponse<byte[]> post(String path, String token, String body)
			throws IOException, InterruptedException {
		return stack.send(HttpRequest.newBuilder(stack.gateway(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)), token);
	}

	private static float[] floats(String name) throws IOException {
		ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(REFERENCE.resolve(name + ".bin")))
			.order(ByteOrder.LITTLE_ENDIAN);
		float[] values = new float[data.remaining() / 4];
		data.asFloatBuffer().get(values);
		return values;
	}

	private static float[] values(JsonNode data) {
		float[] values = new float[data.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = (float) data.get(i).asDouble();
		}
		return values;
	}

	private static void assertClose(float[] actual, float[] expected) {
		assertThat(actual).hasSameSizeAs(expected);
		for (int i = 0; i < expected.length; i++) {
			assertThat((double) actual[i]).as("element %d", i)
				.isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-5));
		}
	}

}
