package io.opencontrol.fleet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The coordinator's HTTP API as tests drive it: real requests with real tokens. */
public final class FleetApi {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	public FleetApi(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public HttpResponse<String> send(String method, String path, String token, String body, String... headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token);
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	public void createFleet(String token, String fleet, double width, double height, String chargers) throws Exception {
		HttpResponse<String> created = send("POST", "/api/fleets", token,
				"{\"id\":\"" + fleet + "\",\"name\":\"test\",\"map_width_m\":" + width + ",\"map_height_m\":" + height
						+ ",\"chargers\":" + chargers + "}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	public void registerRobot(String token, String fleet, String robot, double x, double y, double battery,
			int capacity, String capabilities) throws Exception {
		HttpResponse<String> registered = send("POST", "/api/robots", token,
				"{\"id\":\"" + robot + "\",\"fleet\":\"" + fleet + "\",\"capabilities\":" + capabilities + ",\"x\":" + x
						+ ",\"y\":" + y + ",\"speed_mps\":1,\"battery_pct\":" + battery + ",\"capacity\":" + capacity
						+ "}");
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
	}

	public static String task(String fleet, double x, double y, double durationS, String extra) {
		return "{\"fleet\":\"" + fleet + "\",\"type\":\"pick\",\"location\":{\"x\":" + x + ",\"y\":" + y
				+ "},\"estimated_duration_s\":" + durationS + extra + "}";
	}

	public static JsonNode json(String body) {
		return json.readTree(body);
	}

	public static String unique(String prefix) {
		return prefix + "-" + Long.toString(System.nanoTime(), 36);
	}

}
