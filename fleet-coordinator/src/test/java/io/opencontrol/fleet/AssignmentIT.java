package io.opencontrol.fleet;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opencontrol.fleet.assignment.CostModel;
import io.opencontrol.fleet.assignment.Score;
import io.opencontrol.fleet.assignment.Start;
import io.opencontrol.fleet.assignment.TaskSpec;
import io.opencontrol.testtokens.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.opencontrol.fleet.FleetApi.json;
import static io.opencontrol.fleet.FleetApi.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /assign_task} and the task lifecycle on real PostgreSQL: the cheapest robot
 * that can do the task wins, capabilities and battery are hard constraints, tasks queue
 * and are assigned when a robot frees up, impossible tasks and bad input change nothing.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "opencontrol.fleet.liveness.heartbeat-timeout=1h",
				"opencontrol.fleet.assignment.replanning.interval=1h",
				"opencontrol.fleet.assignment.replanning.coalesce=10ms" })
@Import(TestcontainersConfiguration.class)
class AssignmentIT {

	static final TestTokens tokens = TestTokens.start();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CostModel cost;

	@Autowired
	MeterRegistry meters;

	FleetApi api;

	String fleet;

	String admin = tokens.token(List.of("admin"), List.of("*"));

	final ExecutorService senders = Executors.newFixedThreadPool(8);

	@DynamicPropertySource
	static void tokenSource(DynamicPropertyRegistry registry) {
		registry.add("opencontrol.tokens.issuer", () -> TestTokens.ISSUER);
		registry.add("opencontrol.tokens.jwk-set-uri", tokens::jwkSetUri);
	}

	@AfterEach
	void stopSenders() {
		this.senders.shutdownNow();
	}

	@AfterAll
	static void stopIssuer() {
		tokens.close();
	}

	@BeforeEach
	void aFleetWithAChargerInTheCorner() throws Exception {
		this.api = new FleetApi(this.port);
		this.fleet = FleetApi.unique("f");
		this.api.createFleet(this.admin, this.fleet, 100, 100, "[{\"id\":\"c1\",\"x\":0,\"y\":0}]");
	}

	@Test
	void choosesTheCheapestRobotWithTheRequiredCapabilities() throws Exception {
		this.api.registerRobot(this.admin, this.fleet, this.fleet + "-near", 24, 24, 90, 1, "[]");
		this.api.registerRobot(this.admin, this.fleet + "", this.fleet + "-lift-far", 90, 90, 90, 1, "[\"lift\"]");
		this.api.registerRobot(this.admin, this.fleet, this.fleet + "-lift", 20, 20, 90, 1, "[\"lift\"]");

		HttpResponse<String> answer = assign(task(this.fleet, 25, 25, 60, ",\"required_capabilities\":[\"lift\"]"));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		JsonNode body = json(answer.body());
		assertThat(body.get("robot_id").asString()).isEqualTo(this.fleet + "-lift");
		assertThat(body.get("status").asString()).isEqualTo("assigned");
		assertThat(Instant.parse(body.get("estimated_completion").asString())).isAfter(Instant.now());
		// The database's evaluation of the cost equals the planner's, term by term.
		Score expected = this.cost.score(new Start("r", 20, 20, Instant.EPOCH, 90, 1, List.of("lift"), 0),
				new TaskSpec(25, 25, null, null, List.of("lift"), 60, 0, null), Math.hypot(25, 25), Instant.EPOCH);
		JsonNode score = body.get("score");
		assertThat(score.get("travel_s").asDouble()).isCloseTo(expected.travelS(), within(1e-9));
		assertThat(score.get("energy_pct").asDouble()).isCloseTo(expected.energyPct(), within(1e-9));
		assertThat(score.get("total").asDouble()).isCloseTo(expected.total(), within(1e-9));
		assertThat(score.get("wait_s").asDouble()).isZero();
	}

	@Test
	void inALargeFleetTheChosenRobotIsTheCheapestOfAll() throws Exception {
		// 400 robots: many slow ones, a few fast ones far apart, some with a rare
		// capability, some low on charge; tasks then make robots busy elsewhere. The
		// answer
		// must be the cheapest of the whole fleet, whether it came from the nearest
		// robots
		// or from reading them all.
		java.util.Random random = new java.util.Random(7);
		this.api.createFleet(this.admin, this.fleet + "-big", 1000, 1000, "[{\"id\":\"c1\",\"x\":500,\"y\":500}]");
		String big = this.fleet + "-big";
		for (int i = 0; i < 400; i++) {
			double speed = (i % 40 == 0) ? 8 : 0.3 + random.nextDouble();
			String capabilities = (i % 25 == 0) ? "{lift}" : "{}";
			this.jdbc.sql("""
					insert into robot (id, fleet_id, capabilities, x, y, speed_mps, battery_pct, capacity)
					values (?, ?, cast(? as text[]), ?, ?, ?, ?, ?)""")
				.params(big + "-r" + i, big, capabilities, random.nextDouble() * 1000, random.nextDouble() * 1000,
						speed, 20 + random.nextDouble() * 80, 1 + random.nextInt(3))
				.update();
		}
		for (int t = 0; t < 80; t++) {
			double x = random.nextDouble() * 1000;
			double y = random.nextDouble() * 1000;
			String extra = (t % 5 == 0) ? ",\"required_capabilities\":[\"lift\"]" : "";
			TaskSpec spec = new TaskSpec(x, y, null, null, (t % 5 == 0) ? List.of("lift") : List.of(), 120, 0, null);
			Instant now = this.jdbc.sql("select now()").query(java.sql.Timestamp.class).single().toInstant();
			double cheapest = Double.POSITIVE_INFINITY;
			java.util.Map<String, Double> totals = new java.util.HashMap<>();
			for (Start start : startsOf(big)) {
				Score score = this.cost.score(start, spec, Math.hypot(x - 500, y - 500), now);
				if (score != null) {
					totals.put(start.robotId(), score.total());
					cheapest = Math.min(cheapest, score.total());
				}
			}

			HttpResponse<String> answer = this.api.send("POST", "/assign_task", this.admin,
					task(big, x, y, 120, extra));

			assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202);
			if (totals.isEmpty()) {
				assertThat(answer.statusCode()).as("no robot can take task %d", t).isEqualTo(202);
				continue;
			}
			String chosen = json(answer.body()).get("robot_id").asString();
			// Its own total, by the oracle, is the least; seconds of clock between the
			// oracle's reading and the request's are the only slack.
			assertThat(totals.get(chosen)).as("task %d given to %s", t, chosen).isCloseTo(cheapest, within(0.5));
		}
	}

	private List<Start> startsOf(String fleet) {
		return this.jdbc.sql("""
				select id, coalesce(free_x, x) as sx, coalesce(free_y, y) as sy, free_at,
				       coalesce(free_battery_pct, battery_pct) as battery, speed_mps, capabilities, active_tasks
				from robot where fleet_id = ? and status <> 'offline' and active_tasks < capacity""")
			.param(fleet)
			.query((rs, row) -> new Start(rs.getString("id"), rs.getDouble("sx"), rs.getDouble("sy"),
					(rs.getTimestamp("free_at") != null) ? rs.getTimestamp("free_at").toInstant() : Instant.EPOCH,
					rs.getDouble("battery"), rs.getDouble("speed_mps"),
					List.of((String[]) rs.getArray("capabilities").getArray()), rs.getInt("active_tasks")))
			.list();
	}

	/**
	 * Robots are searched for before the fleet's lock is taken. A choice scored against a
	 * robot's plan that another assignment changed meanwhile must not be kept: each task
	 * given to the one robot must queue behind the ones before it.
	 */
	@Test
	void concurrentAssignmentsToOneRobotQueueBehindEachOther() throws Exception {
		String robot = this.fleet + "-busy";
		this.api.registerRobot(this.admin, this.fleet, robot, 1, 1, 100, 24, "[]");
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			answers.add(CompletableFuture.supplyAsync(() -> {
				try {
					return assign(task(this.fleet, 1, 1, 60, ""));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, this.senders));
		}
		List<Instant> etas = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> answer : answers) {
			HttpResponse<String> assigned = answer.get(30, TimeUnit.SECONDS);
			assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
			etas.add(Instant.parse(json(assigned.body()).get("estimated_completion").asString()));
		}
		etas.sort(null);
		for (int i = 1; i < etas.size(); i++) {
			// The task is where the robot already is: the one before plus its minute of
			// work (less a millisecond of rounding).
			assertThat(Duration.between(etas.get(i - 1), etas.get(i))).as("task %d of %s", i, etas)
				.isGreaterThanOrEqualTo(Duration.ofMillis(59_999));
		}
		assertThat(activeTasks(robot)).isEqualTo(24);
	}

	@Test
	void neverChoosesARobotThatCouldNotReachAChargerWithTheReserveAfterwards() throws Exception {
		// Close by, but 20 % charge cannot cover 90 m there, the work and 127 m back to
		// the
		// charger with 15 % left.
		this.api.registerRobot(this.admin, this.fleet, this.fleet + "-low", 80, 80, 20, 1, "[]");
		this.api.registerRobot(this.admin, this.fleet, this.fleet + "-full", 0, 0, 100, 1, "[]");

		HttpResponse<String> answer = assign(task(this.fleet, 90, 90, 30, ""));

		assertThat(json(answer.body()).get("robot_id").asString()).isEqualTo(this.fleet + "-full");
		assertThat(json(answer.body()).get("score").get("battery_after_pct").asDouble()).isGreaterThan(15);
	}

	@Test
	void queuesATaskNoRobotCanTakeNowAndAssignsItWhenOneFreesUp() throws Exception {
		String robot = this.fleet + "-only";
		this.api.registerRobot(this.admin, this.fleet, robot, 10, 10, 100, 1, "[]");
		String first = json(assign(task(this.fleet, 20, 20, 30, "")).body()).get("task_id").asString();

		HttpResponse<String> second = assign(task(this.fleet, 30, 30, 30, ""));
		assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
		String queued = json(second.body()).get("task_id").asString();
		assertThat(taskStatus(queued)).isEqualTo("queued");

		String own = tokens.robotToken(robot, this.fleet);
		assertThat(this.api.send("POST", "/api/tasks/" + first + "/start", own, null).statusCode()).isEqualTo(200);
		assertThat(this.api.send("POST", "/api/tasks/" + first + "/complete", own, null).statusCode()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(taskStatus(queued)).isEqualTo("assigned"));
		assertThat(
				json(this.api.send("GET", "/api/tasks/" + queued, this.admin, null).body()).get("robot_id").asString())
			.isEqualTo(robot);
	}

	@Test
	void refusesATaskNoRobotCouldEverDoAndStoresNothing() throws Exception {
		HttpResponse<String> noRobots = assign(task(this.fleet, 10, 10, 30, ""));
		assertThat(noRobots.statusCode()).isEqualTo(422);
		assertThat(noRobots.body()).contains("has no robots");

		this.api.registerRobot(this.admin, this.fleet, this.fleet + "-plain", 10, 10, 100, 1, "[]");
		HttpResponse<String> noCapability = assign(
				task(this.fleet, 10, 10, 30, ",\"required_capabilities\":[\"weld\"]"));
		assertThat(noCapability.statusCode()).isEqualTo(422);
		assertThat(noCapability.body()).contains("weld");

		// 10,000 s of work at 0.01 %/s is a whole battery.
		HttpResponse<String> tooLong = assign(task(this.fleet, 10, 10, 10000, ""));
		assertThat(tooLong.statusCode()).isEqualTo(422);
		assertThat(tooLong.body()).contains("full battery");
		assertThat(tasksOfFleet()).isZero();
	}

	@Test
	void aRepeatedIdempotencyKeyGetsTheFirstAnswerAndNoSecondTask() throws Exception {
		this.api.registerRobot(this.admin, this.fleet, this.fleet + "-r", 10, 10, 100, 5, "[]");
		String body = task(this.fleet, 40, 40, 30, "");

		HttpResponse<String> first = assign(body, "Idempotency-Key", "order-17");
		HttpResponse<String> again = assign(body, "Idempotency-Key", "order-17");

		assertThat(again.statusCode()).isEqualTo(first.statusCode()).isEqualTo(200);
		assertThat(json(again.body()).get("task_id")).isEqualTo(json(first.body()).get("task_id"));
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(tasksOfFleet()).isEqualTo(1);

		HttpResponse<String> different = assign(task(this.fleet, 41, 40, 30, ""), "Idempotency-Key", "order-17");
		assertThat(different.statusCode()).isEqualTo(422);
		assertThat(tasksOfFleet()).isEqualTo(1);
	}

	@Test
	void badInputGetsAProblemAndChangesNothing() throws Exception {
		this.api.registerRobot(this.admin, this.fleet, this.fleet + "-r", 10, 10, 100, 5, "[]");
		String unknownFleet = FleetApi.unique("nowhere");
		List<List<Object>> cases = List.of(List.of("{\"fleet\":", 400), List.of("[]", 400),
				List.of(task(this.fleet, 10, 10, 30, ",\"colour\":\"red\""), 400),
				List.of(task(this.fleet, 10, 10, -5, ""), 400), List.of(task(this.fleet, -1, 10, 30, ""), 400),
				List.of(task(this.fleet, 10, 10, 30, ",\"priority\":11"), 400),
				List.of(task(this.fleet, 150, 10, 30, ""), 422),
				List.of(task(this.fleet, 10, 10, 30, ",\"dropoff\":{\"x\":10,\"y\":101}"), 422),
				List.of(task(unknownFleet, 10, 10, 30, ""), 404),
				List.of(task(this.fleet, 10, 10, 30, ",\"deadline\":\"tomorrow\""), 400));
		for (List<Object> bad : cases) {
			HttpResponse<String> refused = assign((String) bad.get(0));
			assertThat(refused.statusCode()).as(bad.get(0) + " -> " + refused.body()).isEqualTo(bad.get(1));
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
		HttpResponse<String> badKey = assign(task(this.fleet, 10, 10, 30, ""), "Idempotency-Key", "with space");
		assertThat(badKey.statusCode()).isEqualTo(400);
		assertThat(tasksOfFleet()).isZero();
	}

	/**
	 * {@code /assign_task} is answered before Spring Security's chain and MVC
	 * (AssignRoute), so its refusals are checked here: each is a 4xx problem detail and
	 * stores nothing; answered calls are timed under the route's name.
	 */
	@Test
	void refusedCallersGetProblemsAndChangeNothing() throws Exception {
		this.api.registerRobot(this.admin, this.fleet, this.fleet + "-r", 10, 10, 100, 5, "[]");
		String body = task(this.fleet, 20, 20, 30, "");
		HttpClient http = HttpClient.newHttpClient();
		URI uri = URI.create("http://127.0.0.1:" + this.port + "/assign_task");
		HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		List<Object[]> refusals = List.of(new Object[] { "not a token", "not-a-jwt", 401 },
				new Object[] { "a viewer", tokens.token(List.of("viewer"), List.of("*")), 403 },
				new Object[] { "a robot", tokens.robotToken(this.fleet + "-r", this.fleet), 403 }, new Object[] {
						"another fleet's operator", tokens.token(List.of("operator"), List.of("elsewhere")), 404 });
		for (Object[] refusal : refusals) {
			HttpResponse<String> refused = this.api.send("POST", "/assign_task", (String) refusal[1], body);
			assertThat(refused.statusCode()).as(refusal[0] + ": " + refused.body()).isEqualTo(refusal[2]);
			assertThat(refused.headers().firstValue("Content-Type")).as((String) refusal[0])
				.hasValue("application/problem+json");
		}
		HttpResponse<String> notJson = http.send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "text/plain")
			.header("Authorization", "Bearer " + tokens.token(List.of("operator"), List.of(this.fleet)))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(notJson.statusCode()).isEqualTo(415);
		assertThat(tasksOfFleet()).isZero();

		double timed = answeredAssignments();
		HttpResponse<String> assigned = assign(body);
		assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
		String task = json(assigned.body()).get("task_id").asString();
		assertThat(assigned.headers().firstValue("Location")).hasValue("/api/tasks/" + task);
		assertThat(assigned.headers().firstValue("Idempotent-Replayed")).hasValue("false");
		assertThat(assigned.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(assigned.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(tasksOfFleet()).isOne();
		await().atMost(Duration.ofSeconds(5)).until(() -> answeredAssignments() == timed + 1);
	}

	private double answeredAssignments() {
		return this.meters.find("http.server.requests")
			.tags("uri", "/assign_task", "status", "200")
			.timers()
			.stream()
			.mapToDouble(Timer::count)
			.sum();
	}

	@Test
	void aTaskGoesFromAssignedThroughStartedToDoneByItsOwnRobotOnly() throws Exception {
		String robot = this.fleet + "-r";
		this.api.registerRobot(this.admin, this.fleet, robot, 10, 10, 100, 2, "[]");
		String task = json(assign(task(this.fleet, 20, 20, 30, "")).body()).get("task_id").asString();
		String other = tokens.robotToken("someone-else", this.fleet);
		String own = tokens.robotToken(robot, this.fleet);

		assertThat(this.api.send("POST", "/api/tasks/" + task + "/start", other, null).statusCode()).isEqualTo(404);
		assertThat(this.api.send("POST", "/api/tasks/" + task + "/complete", own, null).statusCode()).isEqualTo(409);
		assertThat(this.api.send("POST", "/api/tasks/" + task + "/start", own, null).statusCode()).isEqualTo(200);
		assertThat(this.api.send("POST", "/api/tasks/" + task + "/cancel", own, null).statusCode()).isEqualTo(403);
		assertThat(this.api.send("POST", "/api/tasks/" + task + "/complete", own, null).statusCode()).isEqualTo(200);
		assertThat(taskStatus(task)).isEqualTo("completed");
		assertThat(this.api.send("POST", "/api/tasks/" + task + "/fail", own, null).statusCode()).isEqualTo(409);
		assertThat(activeTasks(robot)).isZero();

		String second = json(assign(task(this.fleet, 30, 30, 30, "")).body()).get("task_id").asString();
		HttpResponse<String> cancelled = this.api.send("POST", "/api/tasks/" + second + "/cancel", this.admin,
				"{\"reason\":\"not needed\"}");
		assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
		assertThat(taskStatus(second)).isEqualTo("cancelled");
		assertThat(activeTasks(robot)).isZero();
	}

	@Test
	void aRobotsStreamCarriesItsAssignmentsAndResumesAfterTheLastEventSeen() throws Exception {
		String robot = this.fleet + "-r";
		this.api.registerRobot(this.admin, this.fleet, robot, 10, 10, 100, 3, "[]");
		String own = tokens.robotToken(robot, this.fleet);
		HttpResponse<InputStream> stream = openStream("/api/robots/" + robot + "/assignments", own, null);
		assertThat(stream.statusCode()).isEqualTo(200);
		try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
			String task = json(assign(task(this.fleet, 20, 20, 30, "")).body()).get("task_id").asString();
			List<String> first = nextEvent(events);
			assertThat(first).contains("event:assigned");
			assertThat(first.stream().filter((line) -> line.startsWith("data:")).findFirst().orElseThrow())
				.contains(task);
		}

		HttpResponse<InputStream> resumed = openStream("/api/robots/" + robot + "/assignments", own, "0");
		try (BufferedReader events = new BufferedReader(
				new InputStreamReader(resumed.body(), StandardCharsets.UTF_8))) {
			assertThat(nextEvent(events)).contains("event:assigned");
		}
		HttpResponse<InputStream> foreign = openStream("/api/robots/" + robot + "/assignments",
				tokens.robotToken("someone-else", this.fleet), null);
		assertThat(foreign.statusCode()).isEqualTo(404);
		foreign.body().close();
	}

	private List<String> nextEvent(BufferedReader events) throws Exception {
		return CompletableFuture.supplyAsync(() -> {
			try {
				List<String> lines = new java.util.ArrayList<>();
				String line;
				while ((line = events.readLine()) != null) {
					if (line.isEmpty() && lines.stream().anyMatch((l) -> l.startsWith("event:"))) {
						return lines;
					}
					if (!line.isEmpty() && !line.startsWith(":")) {
						lines.add(line);
					}
				}
				return lines;
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}).get(10, TimeUnit.SECONDS);
	}

	private HttpResponse<InputStream> openStream(String path, String token, String lastEventId) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + token);
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
	}

	private HttpResponse<String> assign(String body, String... headers) throws Exception {
		return this.api.send("POST", "/assign_task", tokens.token(List.of("operator"), List.of(this.fleet)), body,
				headers);
	}

	private String taskStatus(String task) throws Exception {
		return json(this.api.send("GET", "/api/tasks/" + task, this.admin, null).body()).get("status").asString();
	}

	private long tasksOfFleet() {
		return this.jdbc.sql("select count(*) from task where fleet_id = ?")
			.param(this.fleet)
			.query(Long.class)
			.single();
	}

	private int activeTasks(String robot) {
		return this.jdbc.sql("select active_tasks from robot where id = ?").param(robot).query(Integer.class).single();
	}

}
