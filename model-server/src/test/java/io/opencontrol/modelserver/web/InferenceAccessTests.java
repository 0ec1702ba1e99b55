package io.opencontrol.modelserver.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opencontrol.modelserver.ReferenceData;
import io.opencontrol.modelserver.ServerFixture;
import io.opencontrol.testtokens.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inference routes are answered before Spring Security's filter chain
 * ({@link InferenceRoutes}), so the model server's own token rules are checked here on
 * each of them: no token or a bad one is 401 with a Bearer challenge, a token without
 * {@code control} (or a robot's own identity) is 403, both as problem details and before
 * any inference; a path the routes do not own goes on to the chain.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InferenceAccessTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ServerFixture.register(registry, ReferenceData.MODELS);
	}

	@BeforeEach
	void awaitReady() {
		ServerFixture.awaitReady(this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v2/models/world_model/infer", "/v2/models/world_model/versions/1/infer", "/predict" })
	void onlyControlOrARobotForItselfMayInfer(String path) throws Exception {
		String body = body(path);

		HttpResponse<String> anonymous = post(path, body, null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertProblem(anonymous, 401);

		for (String bad : List.of("not-a-jwt", ServerFixture.TOKENS
			.sign(TestTokens.claims("http://elsewhere", "intruder", List.of("admin"), List.of("*")).build()))) {
			HttpResponse<String> refused = post(path, body, bad);
			assertThat(refused.statusCode()).as(bad).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate")).as(bad)
				.hasValue("Bearer error=\"invalid_token\"");
			assertProblem(refused, 401);
		}

		String viewer = ServerFixture.TOKENS.token(List.of("viewer"), List.of("*"));
		String robotWithoutIdentity = ServerFixture.TOKENS.token(List.of("robot"), List.of("*"));
		for (String token : List.of(viewer, robotWithoutIdentity)) {
			HttpResponse<String> forbidden = post(path, body, token);
			assertThat(forbidden.statusCode()).isEqualTo(403);
			assertProblem(forbidden, 403);
		}

		double timedBefore = timed(path, "200");
		for (String token : List.of(ServerFixture.operatorToken(),
				ServerFixture.TOKENS.robotToken("robot-7", "fleet-a"))) {
			HttpResponse<String> answered = post(path, body, token);
			assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
			assertThat(answered.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(answered.headers().firstValue("Cache-Control")).hasValue("no-store");
		}
		// Answered ahead of the security chain and the controllers, yet timed
		// under the route's own name like every other request.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(timed(path, "200") - timedBefore).isEqualTo(2));
	}

	private double timed(String path, String status) {
		String pattern = switch (path) {
			case "/predict" -> "/predict";
			case "/v2/models/world_model/infer" -> "/v2/models/{model}/infer";
			default -> "/v2/models/{model}/versions/{version}/infer";
		};
		Timer timer = this.meters.find("http.server.requests").tags("uri", pattern, "status", status).timer();
		return (timer != null) ? timer.count() : 0;
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v2/models/world%20model/infer", "/v2/models/world_model;v=1/infer",
			"/v2/models/world_model/versions//infer", "/v2/models/world_model/other/1/infer" })
	void pathsTheRoutesDoNotOwnAreJudgedByTheChain(String path) throws Exception {
		HttpResponse<String> anonymous = post(path, body(path), null);
		assertThat(anonymous.statusCode()).isBetween(400, 401);

		HttpResponse<String> operator = post(path, body(path), ServerFixture.operatorToken());
		assertThat(operator.statusCode()).isBetween(400, 499);
		assertThat(operator.body()).doesNotContain("Exception");
	}

	private static String body(String path) {
		if (path.equals("/predict")) {
			return "{\"model\":\"world_model\",\"inputs\":{\"joints\":"
					+ InferenceApiTests.nested(ReferenceData.tensor("joints")) + ",\"image\":"
					+ InferenceApiTests.nested(ReferenceData.tensor("image")) + "}}";
		}
		return InferenceApiTests.jsonRequest(ReferenceData.inputs());
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = InferenceApiTests.JSON.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

	private HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
