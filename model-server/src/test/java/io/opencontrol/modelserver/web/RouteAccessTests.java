package io.opencontrol.modelserver.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import io.opencontrol.modelserver.ReferenceData;
import io.opencontrol.modelserver.ServerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The permission each route other than inference needs (ARCHITECTURE §2), checked by the
 * model server itself ({@link ModelServerSecurity}) and not only by the gateway in front
 * of it: who is answered, who is refused 403, and that no route but health, metrics and
 * the API description answers without a token.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RouteAccessTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ServerFixture.register(registry, ReferenceData.MODELS);
	}

	@BeforeEach
	void awaitReady() {
		ServerFixture.awaitReady(this.port);
	}

	static Stream<Arguments> rules() {
		return Stream.of(rule("GET", "/v2", "viewer", 200), rule("GET", "/v2", "robot", 403),
				rule("GET", "/v2/health/live", "viewer", 200), rule("GET", "/v2/health/live", "robot", 403),
				rule("GET", "/v2/health/ready", "operator", 200), rule("GET", "/v2/health/ready", "robot", 403),
				rule("GET", "/v2/models/world_model", "viewer", 200),
				rule("GET", "/v2/models/world_model", "robot", 200),
				rule("GET", "/v2/models/world_model/versions/1", "robot", 200),
				rule("GET", "/v2/models/world_model/ready", "viewer", 200),
				rule("GET", "/v2/models/world_model/ready", "robot", 403),
				rule("GET", "/v2/models/world_model/versions/1/ready", "robot", 403),
				rule("GET", "/v2/repository/models/world_model/versions/1/files/model.onnx", "robot", 200),
				rule("GET", "/v2/repository/models/world_model/versions/1/files/model.onnx", "viewer", 200),
				rule("POST", "/v2/repository/index", "admin", 200),
				rule("POST", "/v2/repository/index", "operator", 403),
				rule("POST", "/v2/repository/index", "robot", 403), rule("GET", "/health", "viewer", 200),
				rule("GET", "/health", "robot", 403), rule("GET", "/nowhere", "viewer", 404));
	}

	private static Arguments rule(String method, String path, String role, int status) {
		return Arguments.of(method + " " + path + " as " + role, method, path, role, status);
	}

	private static String token(String role) {
		return "robot".equals(role) ? ServerFixture.TOKENS.robotToken("robot-7", "fleet-a")
				: ServerFixture.TOKENS.token(List.of(role), List.of("*"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rules")
	void eachRouteAnswersOnlyThePermissionItNeeds(String what, String method, String path, String role, int status) {
		HttpResponse<byte[]> answer = ServerFixture.send(request(method, path), token(role));

		assertThat(answer.statusCode()).as(what).isEqualTo(status);
		if (status == 403) {
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rules")
	void noRouteButHealthMetricsAndTheApiAnswersWithoutAToken(String what, String method, String path) {
		HttpResponse<byte[]> answer = ServerFixture.sendAnonymously(request(method, path));

		assertThat(answer.statusCode()).as(what).isEqualTo(401);
		assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
	}

	@ParameterizedTest
	@MethodSource("open")
	void healthMetricsAndTheApiDescriptionAnswerWithoutAToken(String path) {
		assertThat(ServerFixture.sendAnonymously(request("GET", path)).statusCode()).isEqualTo(200);
	}

	static Stream<String> open() {
		return Stream.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/v3/api-docs");
	}

	private HttpRequest.Builder request(String method, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
	}

}
