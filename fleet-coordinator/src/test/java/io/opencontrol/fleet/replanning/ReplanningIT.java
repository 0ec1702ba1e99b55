package io.opencontrol.fleet.replanning;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import io.opencontrol.fleet.FleetApi;
import io.opencontrol.fleet.TestcontainersConfiguration;
import io.opencontrol.fleet.assignment.CostModel;
import io.opencontrol.fleet.fleets.Fleets;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static io.opencontrol.fleet.FleetApi.json;
import static io.opencontrol.fleet.FleetApi.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applying a plan on real PostgreSQL while the fleet keeps changing: a plan is made from
 * a snapshot, the fleet changes, then the plan is applied. A change to robots the plan
 * does not touch must not stop it (a busy fleet would otherwise never be re-planned); a
 * change to a robot whose schedule it rewrites must.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "opencontrol.fleet.liveness.heartbeat-timeout=1h",
				"opencontrol.fleet.assignment.replanning.interval=1h" })
@Import(TestcontainersConfiguration.class)
class ReplanningIT {

	static final TestTokens tokens = TestTokens.start();

	@LocalServerPort
	int port;

	@Autowired
	SnapshotReader snapshots;

	@Autowired
	Replanner replanner;

	@Autowired
	Fleets fleets;

	@Autowired
	CostModel cost;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	FleetApi api;

	String fleet;

	String admin = tokens.token(List.of("admin"), List.of("*"));

	String task;

	Plan plan;

	FleetSnapshot snapshot;

	@DynamicPropertySource
	static void tokenSource(DynamicPropertyRegistry registry) {
		registry.add("opencontrol.tokens.issuer", () -> TestTokens.ISSUER);
		registry.add("opencontrol.tokens.jwk-set-uri", tokens::jwkSetUri);
	}

	@AfterAll
	static void stopIssuer() {
		tokens.close();
	}

	/**
	 * A task given to the only robot, far away; then a robot arrives beside the task and
	 * another in the middle of the map. The plan made now moves the task to the one
	 * beside it.
	 */
	@BeforeEach
	void aTaskThatABetterPlacedRobotShouldTakeOver() throws Exception {
		this.api = new FleetApi(this.port);
		this.fleet = FleetApi.unique("re");
		this.api.createFleet(this.admin, this.fleet, 100, 100, "[{\"id\":\"c1\",\"x\":0,\"y\":0}]");
		this.api.registerRobot(this.admin, this.fleet, this.fleet + "-far", 90, 90, 100, 2, "[]");
		this.task = assign(10, 10, this.fleet + "-far");
		this.api.registerRobot(this.admin, this.fleet, this.fleet + "-near", 11, 11, 100, 2, "[]");
		this.api.registerRobot(this.admin, this.fleet, this.fleet + "-middle", 50, 50, 100, 2, "[]");

		this.snapshot = this.snapshots.read(this.fleets.find(this.fleet).orElseThrow(), 200);
		this.plan = new Planner(this.cost, 0.02).plan(this.snapshot).chosen();
		assertThat(this.plan.placements().get(UUID.fromString(this.task)).robot()).isEqualTo(this.fleet + "-near");
	}

	@Test
	void aPlanIsAppliedThoughRobotsItDoesNotTouchChangedMeanwhile() throws Exception {
		assign(50, 50, this.fleet + "-middle");

		assertThat(applied()).isTrue();

		assertThat(openAssignmentsOf(this.task)).containsExactly(this.fleet + "-near");
		assertThat(json(this.api.send("GET", "/api/tasks/" + this.task, this.admin, null).body()).get("robot_id")
			.asString()).isEqualTo(this.fleet + "-near");
	}

	@Test
	void aPlanIsNotAppliedToARobotThatChangedMeanwhile() throws Exception {
		assign(12, 12, this.fleet + "-near");

		assertThat(applied()).isFalse();

		assertThat(openAssignmentsOf(this.task)).containsExactly(this.fleet + "-far");
	}

	@Test
	void aPlanIsNotAppliedWhenATaskOfARobotItTouchesChangedMeanwhile() throws Exception {
		String own = tokens.robotToken(this.fleet + "-far", this.fleet);
		assertThat(this.api.send("POST", "/api/tasks/" + this.task + "/start", own, null).statusCode()).isEqualTo(200);

		assertThat(applied()).isFalse();

		assertThat(openAssignmentsOf(this.task)).containsExactly(this.fleet + "-far");
		assertThat(
				json(this.api.send("GET", "/api/tasks/" + this.task, this.admin, null).body()).get("status").asString())
			.isEqualTo("in_progress");
	}

	private boolean applied() {
		return Boolean.TRUE
			.equals(this.transactions.execute((status) -> this.replanner.apply(this.snapshot, this.plan)));
	}

	private String assign(double x, double y, String expectedRobot) throws Exception {
		HttpResponse<String> answer = this.api.send("POST", "/assign_task", this.admin, task(this.fleet, x, y, 60, ""));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(json(answer.body()).get("robot_id").asString()).isEqualTo(expectedRobot);
		return json(answer.body()).get("task_id").asString();
	}

	private List<String> openAssignmentsOf(String task) {
		return this.jdbc.sql("select robot_id from assignment where task_id = cast(? as uuid) and ended_at is null")
			.param(task)
			.query(String.class)
			.list();
	}

}
