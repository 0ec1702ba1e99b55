package io.opencontrol.fleet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Object-level authorization in the service that owns the objects: a caller sees and acts
 * on the robots and tasks of its own fleets only, and another fleet's objects are
 * answered 404, exactly like objects that do not exist. Bad input gets a 4xx problem and
 * leaves the database unchanged.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestcontainersConfiguration.class)
class FleetScopeIT {

	static final TestTokens tokens = TestTokens.start();

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	String fleetA;

	String fleetB;

	UUID taskB;

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
	void twoFleetsWithARobotAndATaskEach() throws Exception {
		String suffix = Long.toString(System.nanoTime(), 36);
		this.fleetA = "a-" + suffix;
		this.fleetB = "b-" + suffix;
		String admin = tokens.token(List.of("admin"), List.of("*"));
		for (String fleet : List.of(this.fleetA, this.fleetB)) {
			assertThat(send("POST", "/api/fleets", admin, "{\"id\":\"" + fleet + "\",\"name\":\"" + fleet
					+ "\",\"map_width_m\":50,\"map_height_m\":40,\"chargers\":[{\"id\":\"dock-1\",\"x\":1,\"y\":1}]}")
				.statusCode()).isEqualTo(201);
			assertThat(send("POST", "/api/robots", admin, robot("r-" + fleet, fleet, 10, 10)).statusCode())
				.isEqualTo(201);
		}
		insertTask(UUID.randomUUID(), this.fleetA);
		this.taskB = UUID.randomUUID();
		insertTask(this.taskB, this.fleetB);
	}

	@Test
	void anOperatorSeesOnlyTheirFleetsRobotsAndTasks() throws Exception {
		String operatorA = tokens.token(List.of("operator"), List.of(this.fleetA));

		assertThat(send("GET", "/api/robots/r-" + this.fleetA, operatorA, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/api/robots/r-" + this.fleetB, operatorA, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/api/robots?fleet=" + this.fleetB, operatorA, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/api/fleets/" + this.fleetB, operatorA, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/api/tasks/" + this.taskB, operatorA, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/api/tasks?fleet=" + this.fleetB, operatorA, null).statusCode()).isEqualTo(404);

		assertThat(send("GET", "/api/robots", operatorA, null).body()).contains("r-" + this.fleetA)
			.doesNotContain("r-" + this.fleetB);
		assertThat(send("GET", "/api/tasks", operatorA, null).body()).contains(this.fleetA).doesNotContain(this.fleetB);
		assertThat(send("GET", "/api/fleets", operatorA, null).body()).contains(this.fleetA)
			.doesNotContain(this.fleetB);
	}

	@Test
	void aWriterOfOneFleetCannotTouchAnother() throws Exception {
		String adminOfA = tokens.token(List.of("admin"), List.of(this.fleetA));

		assertThat(send("POST", "/api/robots", adminOfA, robot("intruder", this.fleetB, 1, 1)).statusCode())
			.isEqualTo(404);
		assertThat(send("PUT", "/api/robots/r-" + this.fleetB, adminOfA,
				"{\"capabilities\":[],\"speed_mps\":1,\"capacity\":1}")
			.statusCode()).isEqualTo(404);
		assertThat(send("PUT", "/api/robots/r-" + this.fleetA, adminOfA,
				"{\"capabilities\":[\"lift\"],\"speed_mps\":1.5,\"capacity\":2}")
			.body()).contains("\"capabilities\":[\"lift\"]").contains("\"capacity\":2");
		assertThat(send("POST", "/api/fleets", adminOfA,
				"{\"id\":\"c-1\",\"name\":\"c\",\"map_width_m\":1,\"map_height_m\":1,\"chargers\":[]}")
			.statusCode()).isEqualTo(403);
	}

	@Test
	void readersCannotWrite() throws Exception {
		String viewer = tokens.token(List.of("viewer"), List.of("*"));
		assertThat(send("POST", "/api/robots", viewer, robot("r-x", this.fleetA, 1, 1)).statusCode()).isEqualTo(403);
		assertThat(send("GET", "/api/robots", null, null).statusCode()).isEqualTo(401);
	}

	@Test
	void badInputGetsAProblemAndChangesNothing() throws Exception {
		String admin = tokens.token(List.of("admin"), List.of("*"));
		int robots = count("robot");
		int fleets = count("fleet");
		List<String> bad = List.of("{", "[]", robot("r-new", this.fleetA, 1, 1).replace("}", ",\"colour\":\"red\"}"),
				robot("r-new", this.fleetA, 1, 1).replace("\"speed_mps\":1.2", "\"speed_mps\":-1"),
				robot("r-new", this.fleetA, 51, 1), robot("r-new", this.fleetA, -1, 1),
				robot("r-new", "no-such-fleet", 1, 1), robot("../r", this.fleetA, 1, 1),
				robot("r-" + this.fleetA, this.fleetA, 1, 1));
		for (String body : bad) {
			HttpResponse<String> response = send("POST", "/api/robots", admin, body);
			assertThat(response.statusCode()).as(body).isBetween(400, 499);
			assertThat(response.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
		}
		HttpResponse<String> outside = send("POST", "/api/fleets", admin, "{\"id\":\"z-" + this.fleetA
				+ "\",\"name\":\"z\",\"map_width_m\":5,\"map_height_m\":5,\"chargers\":[{\"id\":\"d\",\"x\":9,\"y\":1}]}");
		assertThat(outside.statusCode()).isEqualTo(422);
		assertThat(send("GET", "/api/tasks?status=lost", admin, null).statusCode()).isEqualTo(400);
		assertThat(send("GET", "/api/tasks/not-a-uuid", admin, null).statusCode()).isEqualTo(400);
		assertThat(count("robot")).isEqualTo(robots);
		assertThat(count("fleet")).isEqualTo(fleets);
	}

	private static String robot(String id, String fleet, double x, double y) {
		return "{\"id\":\"" + id + "\",\"fleet\":\"" + fleet + "\",\"capabilities\":[\"camera\"],\"x\":" + x + ",\"y\":"
				+ y + ",\"speed_mps\":1.2,\"battery_pct\":80,\"capacity\":1}";
	}

	private void insertTask(UUID id, String fleet) {
		this.jdbc
			.sql("insert into task (id, fleet_id, type, x, y, estimated_duration_s) values (?, ?, 'pick', 5, 5, 60)")
			.params(id, fleet)
			.update();
	}

	private int count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Integer.class).single();
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
