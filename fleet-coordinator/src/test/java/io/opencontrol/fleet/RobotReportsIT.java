package io.opencontrol.fleet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opencontrol.testtokens.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Robots reporting about themselves, and liveness: a robot not heard from within the
 * heartbeat timeout (3 s here) goes offline and comes back with its next heartbeat.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "opencontrol.fleet.liveness.heartbeat-timeout=3s",
				"opencontrol.fleet.liveness.check-interval=200ms" })
@Import(TestcontainersConfiguration.class)
class RobotReportsIT {

	static final TestTokens tokens = TestTokens.start();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	String fleet;

	String robot;

	String admin = tokens.token(List.of("admin"), List.of("*"));

	@DynamicPropertySource
	static void tokenSource(DynamicPropertyRegistry registry) {
		registry.add("opencontrol.tokens.issuer", () -> TestTokens.ISSUER);
		registry.add("opencontrol.tokens.jwk-set-uri", tokens::jwkSetUri);
	}

	@AfterAll
	static void stopIssuer() {
		tokens.close();
	}

	@BeforeEach
	void aRegisteredRobot() throws Exception {
		String suffix = Long.toString(System.nanoTime(), 36);
		this.fleet = "f-" + suffix;
		this.robot = "r-" + suffix;
		assertThat(send("POST", "/api/fleets", this.admin,
				"{\"id\":\"" + this.fleet + "\",\"name\":\"f\",\"map_width_m\":20,\"map_height_m\":20,\"chargers\":[]}")
			.statusCode()).isEqualTo(201);
		assertThat(send("POST", "/api/robots", this.admin,
				"{\"id\":\"" + this.robot + "\",\"fleet\":\"" + this.fleet
						+ "\",\"capabilities\":[],\"x\":1,\"y\":1,\"speed_mps\":1,\"battery_pct\":50,\"capacity\":1}")
			.statusCode()).isEqualTo(201);
	}

	@Test
	void aRobotReportsItsOwnState() throws Exception {
		HttpResponse<String> reported = send("PUT", "/api/robots/" + this.robot + "/state", own(),
				"{\"x\":12.5,\"y\":3,\"battery_pct\":77,\"status\":\"busy\"}");
		assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
		String seen = send("GET", "/api/robots/" + this.robot, this.admin, null).body();
		assertThat(seen).contains("\"x\":12.5")
			.contains("\"battery_pct\":77.0")
			.contains("\"status\":\"busy\"")
			.doesNotContain("\"last_seen\":null");
	}

	@Test
	void aRobotSpeaksOnlyForItselfAndWithinItsMap() throws Exception {
		String other = tokens.robotToken("someone-else", this.fleet);
		String state = "{\"x\":1,\"y\":1,\"battery_pct\":50,\"status\":\"idle\"}";
		assertThat(send("PUT", "/api/robots/" + this.robot + "/state", other, state).statusCode()).isEqualTo(404);
		assertThat(send("PUT", "/api/robots/" + this.robot + "/state", this.admin, state).statusCode()).isEqualTo(403);
		assertThat(send("PUT", "/api/robots/" + this.robot + "/state", own(),
				"{\"x\":21,\"y\":1,\"battery_pct\":50,\"status\":\"idle\"}")
			.statusCode()).isEqualTo(422);
		assertThat(send("PUT", "/api/robots/" + this.robot + "/state", own(),
				"{\"x\":1,\"y\":1,\"battery_pct\":50,\"status\":\"offline\"}")
			.statusCode()).isEqualTo(400);
		assertThat(send("POST", "/api/robots/" + this.robot + "/heartbeats", own(),
				"{\"sensors\":{\"camera_feed\":\"on fire\"}}")
			.statusCode()).isEqualTo(400);
		assertThat(send("POST", "/api/robots/" + this.robot + "/heartbeats", own(),
				"{\"sensors\":{},\"circuit\":\"OPEN; drop table\"}")
			.statusCode()).isEqualTo(400);
	}

	/**
	 * Heartbeats are answered before Spring Security's chain and MVC (HeartbeatRoute), so
	 * every refusal is checked here: token, permission, scope, body, and what the route
	 * leaves to the chain. Each is a 4xx problem detail and stores nothing.
	 */
	@Test
	void heartbeatRefusalsAreProblemDetailsAndStoreNothing() throws Exception {
		String path = "/api/robots/" + this.robot + "/heartbeats";
		String good = "{\"sensors\":{\"camera_feed\":\"ok\"}}";
		String operator = tokens.token(List.of("operator"), List.of("*"));
		String otherRobot = tokens.robotToken(this.robot + "-other", this.fleet);
		List<Object[]> refusals = List.of(new Object[] { "no token", null, good, 401 },
				new Object[] { "not a token", "not-a-jwt", good, 401 },
				new Object[] { "a person's token", operator, good, 403 },
				new Object[] { "another robot's token", otherRobot, good, 404 },
				new Object[] { "malformed JSON", own(), "{\"sensors\":", 400 },
				new Object[] { "empty body", own(), "", 400 }, new Object[] { "not an object", own(), "[1]", 400 },
				new Object[] { "unknown field", own(), "{\"sensors\":{},\"mood\":\"happy\"}", 400 },
				new Object[] { "no sensors", own(), "{\"mode\":\"cloud\"}", 400 },
				new Object[] { "negative backlog", own(), "{\"sensors\":{},\"backlog\":-1}", 400 },
				new Object[] { "bad sensor name", own(), "{\"sensors\":{\"Camera Feed\":\"ok\"}}", 400 });
		for (Object[] refusal : refusals) {
			HttpResponse<String> answer = send("POST", path, (String) refusal[1], (String) refusal[2]);
			assertThat(answer.statusCode()).as(refusal[0] + ": " + answer.body()).isEqualTo(refusal[3]);
			assertThat(answer.headers().firstValue("Content-Type")).as((String) refusal[0])
				.hasValue("application/problem+json");
			assertThat(answer.body()).as((String) refusal[0]).doesNotContain("Exception");
		}
		HttpResponse<String> notJson = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.POST(HttpRequest.BodyPublishers.ofString(good))
				.header("Content-Type", "text/plain")
				.header("Authorization", "Bearer " + own())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(notJson.statusCode()).isEqualTo(415);
		assertThat(send("POST", "/api/robots/Not_A_Slug/heartbeats", own(), good).statusCode()).isEqualTo(400);
		assertThat(send("GET", "/api/robots/" + this.robot + "/heartbeat", this.admin, null).statusCode())
			.isEqualTo(404);

		HttpResponse<String> stored = send("POST", path, own(), good);
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(204);
		assertThat(stored.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(send("GET", "/api/robots/" + this.robot + "/heartbeat", this.admin, null).statusCode())
			.isEqualTo(200);
	}

	/**
	 * Heartbeats are stored in groups: many arriving at once must each land on their own
	 * robot, and a token scoped to another fleet must be refused even inside a group.
	 */
	@Test
	void heartbeatsArrivingTogetherAreEachStoredForTheirOwnRobot() throws Exception {
		int robots = 12;
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < robots; i++) {
			String id = this.robot + "-" + i;
			assertThat(send("POST", "/api/robots", this.admin, "{\"id\":\"" + id + "\",\"fleet\":\"" + this.fleet
					+ "\",\"capabilities\":[],\"x\":1,\"y\":1,\"speed_mps\":1,\"battery_pct\":50,\"capacity\":1}")
				.statusCode()).isEqualTo(201);
			ids.add(id);
		}
		double timedBefore = heartbeatsTimed("204");
		ExecutorService senders = Executors.newFixedThreadPool(48);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			List<Future<Integer>> outOfScope = new ArrayList<>();
			for (int round = 0; round < 5; round++) {
				for (int i = 0; i < robots; i++) {
					String id = ids.get(i);
					String token = tokens.robotToken(id, this.fleet);
					for (int sender = 0; sender < 3; sender++) {
						long backlog = i * 1000L + round * 10 + sender;
						answers.add(senders.submit(() -> send("POST", "/api/robots/" + id + "/heartbeats", token,
								"{\"sensors\":{\"camera_feed\":\"ok\"},\"backlog\":" + backlog + "}")
							.statusCode()));
					}
					String elsewhere = tokens.robotToken(id, "another-fleet");
					outOfScope.add(senders.submit(() -> send("POST", "/api/robots/" + id + "/heartbeats", elsewhere,
							"{\"sensors\":{},\"backlog\":999999}")
						.statusCode()));
				}
			}
			for (Future<Integer> answer : answers) {
				assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(204);
			}
			for (Future<Integer> answer : outOfScope) {
				assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(404);
			}
		}
		finally {
			senders.shutdownNow();
		}
		// Answered before MVC, yet timed under the route's own name like every other
		// request.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(heartbeatsTimed("204") - timedBefore).isEqualTo(robots * 5 * 3));
		for (int i = 0; i < robots; i++) {
			String last = send("GET", "/api/robots/" + ids.get(i) + "/heartbeat", this.admin, null).body();
			long backlog = Long.parseLong(last.replaceAll(".*\"backlog\":(\\d+).*", "$1"));
			assertThat(backlog / 1000).as(last).isEqualTo(i);
		}
	}

	@Test
	void aSilentRobotGoesOfflineAndComesBackWithItsHeartbeat() throws Exception {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status()).isEqualTo("offline"));

		assertThat(send("GET", "/api/robots/" + this.robot + "/heartbeat", this.admin, null).statusCode())
			.isEqualTo(404);
		HttpResponse<String> heartbeat = send("POST", "/api/robots/" + this.robot + "/heartbeats", own(),
				"{\"sensors\":{\"camera_feed\":\"ok\",\"force_sensor\":\"degraded\"},\"mode\":\"local_only\","
						+ "\"circuit\":\"open\",\"backlog\":12}");
		assertThat(heartbeat.statusCode()).as(heartbeat.body()).isEqualTo(204);
		assertThat(status()).isEqualTo("idle");
		HttpResponse<String> last = send("GET", "/api/robots/" + this.robot + "/heartbeat", this.admin, null);
		assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
		assertThat(last.body()).contains("\"camera_feed\":\"ok\"")
			.contains("\"force_sensor\":\"degraded\"")
			.contains("\"mode\":\"local_only\"")
			.contains("\"circuit\":\"open\"")
			.contains("\"backlog\":12")
			.contains("\"received_at\":");
	}

	@Test
	void aSilentRobotsUnstartedTasksMoveToARobotThatIsAlive() throws Exception {
		String alive = this.robot + "-alive";
		assertThat(send("POST", "/api/robots", this.admin,
				"{\"id\":\"" + alive + "\",\"fleet\":\"" + this.fleet
						+ "\",\"capabilities\":[],\"x\":19,\"y\":19,\"speed_mps\":1,\"battery_pct\":90,\"capacity\":3}")
			.statusCode()).isEqualTo(201);
		String aliveToken = tokens.robotToken(alive, this.fleet);
		String heartbeat = "{\"sensors\":{\"camera_feed\":\"ok\"}}";
		send("POST", "/api/robots/" + this.robot + "/heartbeats", own(), heartbeat);
		// Next to the silent robot, far from the live one: it goes to the silent robot
		// first.
		String operator = tokens.token(List.of("operator"), List.of(this.fleet));
		HttpResponse<String> assigned = send("POST", "/assign_task", operator, "{\"fleet\":\"" + this.fleet
				+ "\",\"type\":\"pick\",\"location\":{\"x\":2,\"y\":2},\"estimated_duration_s\":10}");
		assertThat(assigned.body()).contains("\"robot_id\":\"" + this.robot + "\"");
		String task = assigned.body().replaceAll(".*\"task_id\":\"([^\"]+)\".*", "$1");

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			send("POST", "/api/robots/" + alive + "/heartbeats", aliveToken, heartbeat);
			assertThat(send("GET", "/api/tasks/" + task, this.admin, null).body())
				.contains("\"robot_id\":\"" + alive + "\"")
				.contains("\"status\":\"assigned\"");
		});
		assertThat(status()).isEqualTo("offline");
	}

	private double heartbeatsTimed(String status) {
		Timer timer = this.meters.find("http.server.requests")
			.tags("uri", "/api/robots/{id}/heartbeats", "status", status)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private String own() {
		return tokens.robotToken(this.robot, this.fleet);
	}

	private String status() throws Exception {
		String body = send("GET", "/api/robots/" + this.robot, this.admin, null).body();
		int at = body.indexOf("\"status\":\"") + 10;
		return body.substring(at, body.indexOf('"', at));
	}

	private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.header("Content-Type", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
