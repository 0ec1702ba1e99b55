package io.opencontrol.fleet;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.opencontrol.testtokens.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telemetry forwarded from a robot's journal: a batch sent again, or overlapping one sent
 * before, stores each record once and in journal order; bad batches store nothing.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestcontainersConfiguration.class)
class TelemetryIT {

	static final TestTokens tokens = TestTokens.start();

	static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	FleetApi api;

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
		this.api = new FleetApi(this.port);
		String suffix = Long.toString(System.nanoTime(), 36);
		this.fleet = "f-" + suffix;
		this.robot = "r-" + suffix;
		this.api.createFleet(this.admin, this.fleet, 20, 20, "[]");
		this.api.registerRobot(this.admin, this.fleet, this.robot, 1, 1, 50, 1, "[]");
	}

	@Test
	void aBatchSentAgainOrOverlappingStoresEachRecordOnceInOrder() throws Exception {
		UUID journal = UUID.randomUUID();
		JsonNode first = json.readTree(forward(journal, 1, 100).body());
		assertThat(first.get("accepted").asInt()).isEqualTo(100);
		assertThat(first.get("last_sequence").asLong()).isEqualTo(100);

		JsonNode again = json.readTree(forward(journal, 1, 100).body());
		assertThat(again.get("accepted").asInt()).isZero();
		assertThat(again.get("duplicates").asInt()).isEqualTo(100);

		JsonNode overlapping = json.readTree(forward(journal, 51, 150).body());
		assertThat(overlapping.get("accepted").asInt()).isEqualTo(50);
		assertThat(overlapping.get("duplicates").asInt()).isEqualTo(50);

		assertThat(sequencesStored()).isEqualTo(LongStream.rangeClosed(1, 150).boxed().toList());
	}

	@Test
	void aNewJournalOnTheRobotIsNotTakenForRepetition() throws Exception {
		forward(UUID.randomUUID(), 1, 10);
		JsonNode fresh = json.readTree(forward(UUID.randomUUID(), 1, 10).body());
		assertThat(fresh.get("accepted").asInt()).isEqualTo(10);
		assertThat(sequencesStored()).hasSize(20);
	}

	@Test
	void storedRecordsKeepTheirPriorityTimeAndData() throws Exception {
		String batch = "{\"journal_id\":\"" + UUID.randomUUID()
				+ "\",\"records\":[{\"sequence\":7,\"priority\":\"high\","
				+ "\"recorded_at\":\"2026-11-22T10:15:30.123Z\",\"data\":{\"battery_pct\":41.5,\"fault\":\"arm\"}}]}";
		assertThat(post(batch).statusCode()).isEqualTo(200);
		JsonNode stored = json.readTree(read(0).body()).get(0);
		assertThat(stored.get("priority").asString()).isEqualTo("high");
		assertThat(stored.get("recorded_at").asString()).isEqualTo("2026-11-22T10:15:30.123Z");
		assertThat(stored.get("data").get("battery_pct").asDouble()).isEqualTo(41.5);
		assertThat(stored.get("data").get("fault").asString()).isEqualTo("arm");
	}

	@Test
	void badBatchesAreRefusedAndStoreNothing() throws Exception {
		String journal = "\"journal_id\":\"" + UUID.randomUUID() + "\"";
		String good = "{\"sequence\":1,\"priority\":\"normal\",\"recorded_at\":\"2026-11-22T10:00:00Z\",\"data\":{}}";
		List<String> bad = List.of("{" + journal + ",\"records\":[" + good + ",", "{" + journal + ",\"records\":[]}",
				"{\"records\":[" + good + "]}", "{\"journal_id\":\"not-a-uuid\",\"records\":[" + good + "]}",
				"{" + journal + ",\"records\":[" + good.replace("normal", "urgent") + "]}",
				"{" + journal + ",\"records\":[" + good.replace("\"sequence\":1", "\"sequence\":0") + "]}",
				"{" + journal + ",\"records\":[" + good.replace("{}", "[1]") + "]}",
				"{" + journal + ",\"records\":[" + good.replace("2026-11-22T10:00:00Z", "yesterday") + "]}",
				"{" + journal + ",\"records\":[" + good + "],\"extra\":1}", "{" + journal + ",\"records\":["
						+ good.replace("\"sequence\":1", "\"sequence\":2") + "," + good + "]}");
		for (String body : bad) {
			HttpResponse<String> refused = post(body);
			assertThat(refused.statusCode()).as(body).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		assertThat(sequencesStored()).isEmpty();
	}

	@Test
	void aRobotForwardsOnlyItsOwnTelemetry() throws Exception {
		String batch = batch(UUID.randomUUID(), 1, 1);
		String path = "/api/robots/" + this.robot + "/telemetry";
		assertThat(this.api.send("POST", path, tokens.robotToken("someone-else", this.fleet), batch).statusCode())
			.isEqualTo(404);
		assertThat(this.api.send("POST", path, this.admin, batch).statusCode()).isEqualTo(403);
		assertThat(this.api.send("GET", path, tokens.token(List.of("viewer"), List.of("another-fleet")), null)
			.statusCode()).isEqualTo(404);
		assertThat(sequencesStored()).isEmpty();
	}

	private HttpResponse<String> forward(UUID journal, long from, long to) throws Exception {
		HttpResponse<String> answer = post(batch(journal, from, to));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return answer;
	}

	private static String batch(UUID journal, long from, long to) {
		return "{\"journal_id\":\"" + journal + "\",\"records\":["
				+ LongStream.rangeClosed(from, to)
					.mapToObj((sequence) -> "{\"sequence\":" + sequence
							+ ",\"priority\":\"normal\",\"recorded_at\":\"2026-11-22T10:00:00Z\",\"data\":{\"n\":"
							+ sequence + "}}")
					.collect(Collectors.joining(","))
				+ "]}";
	}

	private HttpResponse<String> post(String body) throws Exception {
		return this.api.send("POST", "/api/robots/" + this.robot + "/telemetry",
				tokens.robotToken(this.robot, this.fleet), body);
	}

	private HttpResponse<String> read(long after) throws Exception {
		return this.api.send("GET", "/api/robots/" + this.robot + "/telemetry?after=" + after + "&limit=5000",
				this.admin, null);
	}

	private List<Long> sequencesStored() throws Exception {
		HttpResponse<String> answer = read(0);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return json.readTree(answer.body()).valueStream().map((record) -> record.get("sequence").asLong()).toList();
	}

}
