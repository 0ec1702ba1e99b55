package io.opencontrol.fleet;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.opencontrol.testtokens.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.opencontrol.fleet.FleetApi.json;
import static io.opencontrol.fleet.FleetApi.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two coordinator replicas on one PostgreSQL take 500 concurrent {@code /assign_task}
 * calls while database connections are killed at random ({@code pg_terminate_backend}).
 * Clients retry refused calls with the same Idempotency-Key, as they should. Afterwards
 * no task is assigned twice, no robot is over capacity, and every acknowledged answer is
 * what the database holds.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConcurrentReplicasIT {

	static final int ROBOTS = 50;

	static final int CAPACITY = 5;

	static final int CALLS = 500;

	static final TestTokens tokens = TestTokens.start();

	static PostgreSQLContainer postgres;

	static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	static final List<FleetApi> apis = new ArrayList<>();

	@BeforeAll
	static void twoReplicasOnOneDatabase() {
		postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:15"));
		postgres.start();
		for (int i = 0; i < 2; i++) {
			ConfigurableApplicationContext replica = new SpringApplicationBuilder(FleetCoordinatorApplication.class)
				.run("--server.port=0", "--spring.datasource.url=" + postgres.getJdbcUrl(),
						"--spring.datasource.username=" + postgres.getUsername(),
						"--spring.datasource.password=" + postgres.getPassword(),
						"--opencontrol.tokens.issuer=" + TestTokens.ISSUER,
						"--opencontrol.tokens.jwk-set-uri=" + tokens.jwkSetUri(),
						"--opencontrol.fleet.liveness.heartbeat-timeout=1h",
						"--opencontrol.fleet.assignment.replanning.interval=1h",
						"--spring.datasource.hikari.connection-timeout=2000");
			replicas.add(replica);
			apis.add(new FleetApi(Integer.parseInt(replica.getEnvironment().getProperty("local.server.port"))));
		}
	}

	@AfterAll
	static void stop() {
		replicas.forEach(ConfigurableApplicationContext::close);
		if (postgres != null) {
			postgres.stop();
		}
		tokens.close();
	}

	@Test
	void noTaskIsAssignedTwiceAndNoRobotExceedsItsCapacityWhileConnectionsDie() throws Exception {
		String admin = tokens.token(List.of("admin"), List.of("*"));
		String fleet = FleetApi.unique("busy");
		apis.get(0).createFleet(admin, fleet, 100, 100, "[{\"id\":\"c\",\"x\":50,\"y\":50}]");
		for (int i = 0; i < ROBOTS; i++) {
			apis.get(i % 2).registerRobot(admin, fleet, fleet + "-" + i, i * 2, i, 100, CAPACITY, "[]");
		}
		String operator = tokens.token(List.of("operator"), List.of(fleet));

		AtomicBoolean calling = new AtomicBoolean(true);
		AtomicInteger killed = new AtomicInteger();
		Thread killer = new Thread(() -> killConnections(calling, killed), "connection-killer");
		killer.start();
		Map<String, JsonNode> acknowledged = new ConcurrentHashMap<>();
		AtomicInteger refusals = new AtomicInteger();
		AtomicInteger serverErrors = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(32);
		List<Future<?>> calls = new ArrayList<>();
		for (int i = 0; i < CALLS; i++) {
			String key = "call-" + i;
			String body = task(fleet, ThreadLocalRandom.current().nextDouble(100),
					ThreadLocalRandom.current().nextDouble(100), 60, "");
			int first = i % 2;
			calls.add(clients.submit(() -> {
				for (int attempt = 0; attempt < 100; attempt++) {
					try {
						HttpResponse<String> answer = apis.get((first + attempt) % 2)
							.send("POST", "/assign_task", operator, body, "Idempotency-Key", key);
						if (answer.statusCode() == 200 || answer.statusCode() == 202) {
							acknowledged.put(key, json(answer.body()));
							return null;
						}
						if (answer.statusCode() == 503 || answer.statusCode() == 409) {
							refusals.incrementAndGet();
						}
						else {
							serverErrors.incrementAndGet();
							throw new AssertionError(answer.statusCode() + " " + answer.body());
						}
					}
					catch (ConnectException ex) {
						refusals.incrementAndGet();
					}
					Thread.sleep(20);
				}
				throw new AssertionError("No answer for " + key);
			}));
		}
		for (Future<?> call : calls) {
			call.get(5, TimeUnit.MINUTES);
		}
		calling.set(false);
		killer.join();
		clients.shutdown();

		System.out.printf("%d calls acknowledged, %d refusals retried, %d connections killed%n", acknowledged.size(),
				refusals.get(), killed.get());
		assertThat(killed.get()).isPositive();
		assertThat(serverErrors.get()).isZero();
		assertThat(acknowledged).hasSize(CALLS);
		try (Connection db = connect(); Statement sql = db.createStatement()) {
			assertThat(count(sql, "select count(*) from task where fleet_id = '" + fleet + "'")).isEqualTo(CALLS);
			assertThat(count(sql, "select count(*) from (select task_id from assignment group by task_id "
					+ "having count(*) > 1) twice"))
				.isZero();
			assertThat(count(sql,
					"select count(*) from robot where active_tasks > capacity "
							+ "or active_tasks <> (select count(*) from assignment a where a.robot_id = robot.id "
							+ "and a.ended_at is null)"))
				.isZero();
			assertThat(count(sql, "select count(*) from task where fleet_id = '" + fleet + "' and status = 'assigned'"))
				.isEqualTo(ROBOTS * CAPACITY);
			for (JsonNode answer : acknowledged.values()) {
				String id = answer.get("task_id").asString();
				try (ResultSet stored = sql.executeQuery("select status, robot_id from task where id = '" + id + "'")) {
					assertThat(stored.next()).as("acknowledged task " + id + " stored").isTrue();
					if ("assigned".equals(answer.get("status").asString())) {
						assertThat(stored.getString("robot_id")).isEqualTo(answer.get("robot_id").asString());
					}
					else {
						assertThat(stored.getString("status")).isEqualTo("queued");
					}
				}
			}
		}
	}

	/**
	 * Without an Idempotency-Key an assignment is stored by one statement that checks,
	 * under the fleet's and the robot's locks, that the robot is still as the search saw
	 * it. Many calls on a few robots collide all the time; a robot given two tasks from
	 * the same view of it would have their work overlapping, and its projected free time
	 * would forget one of them.
	 */
	@Test
	void concurrentAssignmentsWithoutKeysNeverBookARobotForTwoTasksAtOnce() throws Exception {
		String admin = tokens.token(List.of("admin"), List.of("*"));
		String fleet = FleetApi.unique("crowded");
		apis.get(0).createFleet(admin, fleet, 100, 100, "[{\"id\":\"c\",\"x\":50,\"y\":50}]");
		int robots = 3;
		int capacity = 40;
		int calls = 160;
		for (int i = 0; i < robots; i++) {
			apis.get(i % 2).registerRobot(admin, fleet, fleet + "-" + i, 40 + i * 10, 50, 100, capacity, "[]");
		}
		String operator = tokens.token(List.of("operator"), List.of(fleet));
		ExecutorService clients = Executors.newFixedThreadPool(16);
		List<Future<Integer>> answers = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			FleetApi api = apis.get(i % 2);
			String body = task(fleet, 45 + ThreadLocalRandom.current().nextDouble(10), 50, 60, "");
			answers.add(clients.submit(() -> api.send("POST", "/assign_task", operator, body).statusCode()));
		}
		for (Future<Integer> answer : answers) {
			assertThat(answer.get(2, TimeUnit.MINUTES)).isIn(200, 202);
		}
		clients.shutdown();

		try (Connection db = connect(); Statement sql = db.createStatement()) {
			assertThat(count(sql, "select count(*) from task where fleet_id = '" + fleet + "'")).isEqualTo(calls);
			assertThat(count(sql, "select count(*) from task where fleet_id = '" + fleet + "' and status = 'assigned'"))
				.isEqualTo(robots * capacity);
			// Each robot's next task starts when the one before it finishes, so the
			// estimated completions on one robot are at least a task's work apart.
			assertThat(count(sql, """
					select count(*) from (
					    select eta - lag(eta) over (partition by robot_id order by eta) as apart
					    from task where fleet_id = '%s' and status = 'assigned') gaps
					where apart < interval '59.9 seconds'""".formatted(fleet)))
				.as("tasks whose work overlaps the robot's previous task")
				.isZero();
			assertThat(count(sql, """
					select count(*) from robot r where r.fleet_id = '%s'
					and r.free_at is distinct from (select max(eta) from task t where t.robot_id = r.id
					                                and t.status = 'assigned')""".formatted(fleet)))
				.as("robots whose projected free time is not their last task's completion")
				.isZero();
		}
	}

	private static void killConnections(AtomicBoolean calling, AtomicInteger killed) {
		try (Connection db = connect(); Statement sql = db.createStatement()) {
			while (calling.get()) {
				Thread.sleep(ThreadLocalRandom.current().nextLong(20, 120));
				try (ResultSet rs = sql.executeQuery("""
						select count(pg_terminate_backend(pid)) from (
						    select pid from pg_stat_activity
						    where datname = current_database() and pid <> pg_backend_pid()
						    and backend_type = 'client backend' order by random() limit 2) victims""")) {
					rs.next();
					killed.addAndGet(rs.getInt(1));
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long count(Statement sql, String query) throws Exception {
		try (ResultSet rs = sql.executeQuery(query)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static Connection connect() throws Exception {
		return DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
	}

}
