package io.opencontrol.edge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local API with the cloud out of reach: bad input from the robot's software is a 4xx
 * problem detail, a report that must reach the cloud now is a 503 to retry, and sensor
 * health is kept for the heartbeats.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "opencontrol.edge.cloud.url=http://127.0.0.1:9", "opencontrol.edge.cloud.client-secret=unused",
				"opencontrol.edge.journal.max-record-size=1KB", "opencontrol.edge.journal.segment-size=64KB",
				"opencontrol.edge.journal.disk-budget=1MB" })
class LocalApiTests {

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) throws IOException {
		EdgeDirectories.register(registry, "edge-local-api");
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {4}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					POST | /telemetry                          | malformed         | {"data":            | 400
					POST | /telemetry                          | empty             | ``                  | 400
					POST | /telemetry                          | not an object     | [1,2]               | 400
					POST | /telemetry                          | no data           | {}                  | 400
					POST | /telemetry                          | data not object   | {"data":5}          | 400
					POST | /telemetry                          | unknown field     | {"data":{},"x":1}   | 400
					POST | /telemetry                          | bad priority      | {"priority":"urgent","data":{}} | 400
					POST | /telemetry                          | bad time          | {"recorded_at":"yesterday","data":{}} | 400
					POST | /predict                            | malformed         | {"inputs":          | 400
					POST | /predict                            | no inputs         | {}                  | 400
					POST | /predict                            | ragged tensor     | {"inputs":{"joints":[[1,2],[3]]}} | 400
					POST | /predict                            | bad priority      | {"inputs":{"joints":[1]},"priority":"now"} | 400
					POST | /predict                            | negative budget   | {"inputs":{"joints":[1]},"latency_budget_ms":-1} | 400
					PUT  | /sensors/camera_feed                | bad status        | {"status":"on fire"} | 400
					PUT  | /sensors/camera_feed                | no status         | {}                  | 400
					PUT  | /sensors/lidar                      | unknown sensor    | {"status":"ok"}     | 404
					PUT  | /state                              | negative x        | {"x":-1,"y":0,"battery_pct":50,"status":"idle"} | 400
					PUT  | /state                              | battery over 100  | {"x":1,"y":0,"battery_pct":101,"status":"idle"} | 400
					PUT  | /state                              | status offline    | {"x":1,"y":0,"battery_pct":50,"status":"offline"} | 400
					POST | /assignments/not-a-uuid/start       | task id           | ``                  | 400
					POST | /assignments/not-a-uuid/complete    | task id           | ``                  | 400
					POST | /assignments/00000000-0000-0000-0000-000000000001/fail | long reason | {"reason":"LONG"} | 400
					""")
	void badInputIsAProblemDetail(String method, String path, String what, String body, int status) throws Exception {
		HttpResponse<String> response = send(method, path, body.replace("LONG", "x".repeat(600)));
		assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
		assertThat(response.body()).as(what).contains("\"status\":" + status).doesNotContain("Exception");
	}

	@Test
	void aRecordOverTheJournalsLimitIs413() throws Exception {
		HttpResponse<String> response = send("POST", "/telemetry",
				"{\"data\":{\"blob\":\"" + "x".repeat(2000) + "\"}}");
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void reportsThatMustReachTheCloudNowAre503WhileItIsAway() throws Exception {
		String task = UUID.randomUUID().toString();
		for (String path : new String[] { "/assignments/" + task + "/start", "/assignments/" + task + "/complete" }) {
			HttpResponse<String> response = send("POST", path, "");
			assertThat(response.statusCode()).as(path).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).as(path).isPresent();
			assertThat(response.body()).contains("Fleet-coordinator unreachable");
		}
		HttpResponse<String> state = send("PUT", "/state", "{\"x\":1,\"y\":2,\"battery_pct\":50,\"status\":\"idle\"}");
		assertThat(state.statusCode()).isEqualTo(503);
	}

	@Test
	void withoutAStreamThereIsNoNextAssignment() throws Exception {
		assertThat(send("GET", "/assignments/next", null).statusCode()).isEqualTo(204);
		HttpResponse<String> all = send("GET", "/assignments", null);
		assertThat(all.body()).contains("\"connected\":false").contains("\"tasks\":[]");
	}

	@Test
	void sensorHealthIsKeptAndASensorNeverReportedIsFailed() throws Exception {
		HttpResponse<String> reported = send("PUT", "/sensors/camera_feed", "{\"status\":\"degraded\"}");
		assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
		String sensors = send("GET", "/sensors", null).body();
		assertThat(sensors).contains("\"camera_feed\":{\"status\":\"degraded\"")
			.contains("\"force_sensor\":{\"status\":\"failed\",\"reported_at\":null}");
		String status = send("GET", "/status", null).body();
		assertThat(status).contains("\"heartbeats\":{").contains("\"assignments\":{\"connected\":false");
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json");
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
