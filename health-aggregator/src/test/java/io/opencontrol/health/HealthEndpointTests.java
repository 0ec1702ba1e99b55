package io.opencontrol.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.opencontrol.testtokens.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Polls two real HTTP targets whose answers the test switches. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HealthEndpointTests {

	static final AtomicInteger modelServerAnswer = new AtomicInteger(200);

	static final AtomicInteger fleetAnswer = new AtomicInteger(200);

	static final HttpServer targets = startTargets();

	static final TestTokens tokens = TestTokens.start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) {
		String base = "http://127.0.0.1:" + targets.getAddress().getPort();
		registry.add("opencontrol.tokens.issuer", () -> TestTokens.ISSUER);
		registry.add("opencontrol.tokens.jwk-set-uri", tokens::jwkSetUri);
		registry.add("opencontrol.health.poll-interval", () -> "100ms");
		registry.add("opencontrol.health.targets.model_server.url", () -> base + "/model");
		registry.add("opencontrol.health.targets.fleet_coordinator.url", () -> base + "/fleet");
		registry.add("opencontrol.health.targets.auth_service.url", () -> base + "/model");
	}

	@AfterAll
	static void stopTargets() {
		targets.stop(0);
		tokens.close();
	}

	@Test
	void reportsDegradedThenDownThenUpAsComponentsFailAndRecover() throws Exception {
		modelServerAnswer.set(503);
		awaitHealth(200, "\"status\":\"DEGRADED\"", "\"reason\":\"answered HTTP 503\"");

		fleetAnswer.set(503);
		awaitHealth(503, "\"status\":\"DOWN\"");

		modelServerAnswer.set(200);
		fleetAnswer.set(200);
		awaitHealth(200, "\"status\":\"UP\"");
		assertThat(get("/health/changes").body()).contains("\"component\":\"fleet_coordinator\"")
			.contains("\"to\":\"DOWN\"");
		assertThat(get("/actuator/prometheus").body()).contains("opencontrol_component_up{")
			.contains("opencontrol_component_status_changes_total{");
	}

	@Test
	void needsATokenWithReadPermission() throws Exception {
		HttpResponse<String> anonymous = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		HttpResponse<String> robot = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/health"))
				.header("Authorization", "Bearer " + tokens.robotToken("r-1", "demo-fleet"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(robot.statusCode()).isEqualTo(403);
	}

	private void awaitHealth(int status, String... fragments) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			HttpResponse<String> response = get("/health");
			assertThat(response.statusCode()).isEqualTo(status);
			assertThat(response.body()).contains(fragments);
		});
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Authorization", "Bearer " + tokens.token(List.of("viewer"), List.of("demo-fleet")))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpServer startTargets() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/model", (exchange) -> {
				exchange.sendResponseHeaders(modelServerAnswer.get(), -1);
				exchange.close();
			});
			server.createContext("/fleet", (exchange) -> {
				exchange.sendResponseHeaders(fleetAnswer.get(), -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
