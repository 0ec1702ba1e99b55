package io.opencontrol.system;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole stack as separate processes on free ports, checked through real HTTP. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

	static LocalStack stack;

	@BeforeAll
	static void startStack() throws Exception {
		stack = LocalStack.start();
	}

	@AfterAll
	static void stopStack() throws Exception {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void everyServiceIsLiveAndReady() throws Exception {
		for (ServiceProcess service : stack.all()) {
			for (String probe : new String[] { "liveness", "readiness" }) {
				HttpResponse<String> response = service.get("/actuator/health/" + probe);
				assertThat(response.statusCode()).as(service.name() + " " + probe).isEqualTo(200);
				assertThat(response.body()).as(service.name() + " " + probe).contains("\"status\":\"UP\"");
			}
		}
	}

	@Test
	void everyServiceExportsPrometheusMetricsTaggedWithItsName() throws Exception {
		for (ServiceProcess service : stack.all()) {
			HttpResponse<String> response = service.get("/actuator/prometheus");
			assertThat(response.statusCode()).as(service.name()).isEqualTo(200);
			assertThat(response.body()).as(service.name())
				.contains("jvm_memory_used_bytes")
				.contains("application=\"" + service.name() + "\"");
		}
	}

	@Test
	void everyServicePublishesItsOpenApiDescription() throws Exception {
		for (ServiceProcess service : stack.all()) {
			HttpResponse<String> response = service.get("/v3/api-docs");
			assertThat(response.statusCode()).as(service.name()).isEqualTo(200);
			Map<?, ?> document = JsonMapper.shared().readValue(response.body(), Map.class);
			assertThat(document.get("openapi")).as(service.name()).asString().startsWith("3.");
		}
	}

	@Test
	void everyServiceAnswersErrorsWithProblemDetails() throws Exception {
		for (ServiceProcess service : stack.all()) {
			HttpResponse<String> response = service.get("/no/such/path");
			assertThat(response.statusCode()).as(service.name()).isIn(401, 403, 404);
			assertThat(response.headers().firstValue("Content-Type")).as(service.name())
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).as(service.name()).doesNotContain("Exception").doesNotContain("\tat ");
		}
	}

	@Test
	void gatewayServesTheFleetWideHealthToAViewerOfTheLocalDemo() throws Exception {
		ServiceProcess gateway = stack.service("gateway");
		String viewer = demoToken("viewer");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			HttpResponse<String> response = gateway.send(
					HttpRequest.newBuilder(gateway.uri("/health")).header("Authorization", "Bearer " + viewer).build());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"status\":\"UP\"")
				.contains("\"model_server\":{\"status\":\"UP\"")
				.contains("\"fleet_coordinator\":{\"status\":\"UP\"")
				.contains("\"auth_service\":{\"status\":\"UP\"");
		});
	}

	@Test
	void gatewayRefusesCallsWithoutTokenOrRightsWithProblemDetails() throws Exception {
		ServiceProcess gateway = stack.service("gateway");
		HttpResponse<String> anonymous = gateway.get("/health");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(anonymous.body()).contains("\"status\":401");

		HttpResponse<String> viewerControl = gateway.send(HttpRequest.newBuilder(gateway.uri("/assign_task"))
			.header("Authorization", "Bearer " + demoToken("viewer"))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build());
		assertThat(viewerControl.statusCode()).isEqualTo(403);
		assertThat(viewerControl.body()).contains("\"status\":403");

		// The operator's control call passes the gateway and reaches the
		// fleet-coordinator,
		// which refuses the empty task with a problem of its own.
		HttpResponse<String> operatorControl = gateway.send(HttpRequest.newBuilder(gateway.uri("/assign_task"))
			.header("Authorization", "Bearer " + demoToken("operator"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build());
		assertThat(operatorControl.statusCode()).isEqualTo(400);
		assertThat(operatorControl.body()).contains("\"status\":400");
	}

	@Test
	void anOperatorSeesOnlyTheRobotsOfTheirFleetThroughTheGateway() throws Exception {
		ServiceProcess gateway = stack.service("gateway");
		String admin = demoToken("admin");
		for (String fleet : new String[] { "demo-fleet", "other-fleet" }) {
			HttpResponse<String> created = post(gateway, "/api/fleets", admin, "{\"id\":\"" + fleet + "\",\"name\":\""
					+ fleet + "\",\"map_width_m\":50,\"map_height_m\":50,\"chargers\":[]}");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			HttpResponse<String> robot = post(gateway, "/api/robots", admin, "{\"id\":\"r-" + fleet + "\",\"fleet\":\""
					+ fleet
					+ "\",\"capabilities\":[],\"x\":1,\"y\":1,\"speed_mps\":1,\"battery_pct\":90,\"capacity\":1}");
			assertThat(robot.statusCode()).as(robot.body()).isEqualTo(201);
		}
		// The demo operator's token is scoped to demo-fleet: the other fleet's robot does
		// not exist for it.
		String operator = demoToken("operator");
		assertThat(get(gateway, "/api/robots/r-demo-fleet", operator).statusCode()).isEqualTo(200);
		HttpResponse<String> foreign = get(gateway, "/api/robots/r-other-fleet", operator);
		assertThat(foreign.statusCode()).isEqualTo(404);
		assertThat(foreign.body()).contains("\"status\":404");
		assertThat(get(gateway, "/api/robots", operator).body()).contains("r-demo-fleet")
			.doesNotContain("r-other-fleet");

		// Through the gateway, the operator's task goes to the robot of its fleet.
		HttpResponse<String> assigned = post(gateway, "/assign_task", operator,
				"{\"fleet\":\"demo-fleet\",\"type\":\"pick\",\"location\":{\"x\":10,\"y\":10},"
						+ "\"estimated_duration_s\":30}");
		assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
		assertThat(assigned.body()).contains("\"robot_id\":\"r-demo-fleet\"").contains("\"estimated_completion\"");
		assertThat(post(gateway, "/assign_task", operator,
				"{\"fleet\":\"other-fleet\",\"type\":\"pick\",\"location\":{\"x\":10,\"y\":10},"
						+ "\"estimated_duration_s\":30}")
			.statusCode()).isEqualTo(404);
	}

	private static HttpResponse<String> post(ServiceProcess service, String path, String token, String body)
			throws Exception {
		return service.send(HttpRequest.newBuilder(service.uri(path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private static HttpResponse<String> get(ServiceProcess service, String path, String token) throws Exception {
		return service
			.send(HttpRequest.newBuilder(service.uri(path)).header("Authorization", "Bearer " + token).build());
	}

	@Test
	void gatewayHandsOutTokensOfTheLocalDemoIdentities() throws Exception {
		String payload = new String(Base64.getUrlDecoder().decode(demoToken("viewer").split("\\.")[1]),
				StandardCharsets.UTF_8);
		assertThat(payload).contains("\"roles\":[\"viewer\"]").contains("\"aud\":\"opencontrol\"");
	}

	private static String demoToken(String role) throws Exception {
		return stack.demoToken(role);
	}

	@Test
	void gatewayDoesNotExposeItsRouteActuator() throws Exception {
		ServiceProcess gateway = stack.service("gateway");
		HttpResponse<String> asAdmin = gateway.send(HttpRequest.newBuilder(gateway.uri("/actuator/gateway/routes"))
			.header("Authorization", "Bearer " + demoToken("admin"))
			.build());
		assertThat(asAdmin.statusCode()).isIn(403, 404);
		assertThat(asAdmin.body()).doesNotContain("route_id").doesNotContain("fleet-coordinator");
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void everyServiceShutsDownGracefullyOnSigterm() throws Exception {
		for (ServiceProcess service : stack.all()) {
			long started = System.nanoTime();
			int exitCode = service.stop(Duration.ofSeconds(30));
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			// 143 = terminated by SIGTERM after the JVM ran its shutdown hooks; a forced
			// kill would be 137.
			assertThat(exitCode).as(service.name() + " exit code").isEqualTo(143);
			assertThat(took).as(service.name() + " stop time").isLessThan(Duration.ofSeconds(30));
			assertThat(service.logTail()).as(service.name()).contains("Graceful shutdown complete");
		}
	}

}
