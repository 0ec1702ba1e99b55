package io.opencontrol.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.opencontrol.edge.cloud.RobotToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulation's operator at the cloud's gateway: reads the fleet's map and robots, and
 * assigns tasks, with the operator client's own token.
 */
class Operator {

	private final HttpClient http;

	private final URI cloud;

	private final RobotToken token;

	private final JsonMapper json;

	Operator(HttpClient http, URI cloud, RobotToken token, JsonMapper json) {
		this.http = http;
		this.cloud = cloud;
		this.token = token;
		this.json = json;
	}

	JsonNode get(String path) throws IOException, InterruptedException {
		return answer(send(request(path).GET()), path);
	}

	HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(body))));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.cloud + path)).timeout(Duration.ofSeconds(10));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.header("Authorization", "Bearer " + this.token.value()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode answer(HttpResponse<String> response, String path) throws IOException {
		if (response.statusCode() != 200) {
			throw new IOException("GET " + path + " answered HTTP " + response.statusCode() + ": " + response.body());
		}
		return this.json.readTree(response.body());
	}

}
