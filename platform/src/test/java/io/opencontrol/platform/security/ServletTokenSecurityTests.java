package io.opencontrol.platform.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;

import io.opencontrol.testtokens.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A service validating tokens itself, over real HTTP, with a real JWKS endpoint. */
@SpringBootTest(classes = TokenSecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class ServletTokenSecurityTests {

	static final TestTokens tokens = TestTokens.start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void tokenSource(DynamicPropertyRegistry registry) {
		registry.add("opencontrol.tokens.issuer", () -> TestTokens.ISSUER);
		registry.add("opencontrol.tokens.jwk-set-uri", tokens::jwkSetUri);
	}

	@AfterAll
	static void stopIssuer() {
		tokens.close();
	}

	@Test
	void acceptsAValidTokenWithThePermission() throws Exception {
		assertThat(get("/things", viewer()).statusCode()).isEqualTo(200);
	}

	@Test
	void refusesMissingTokensWith401Problem() throws Exception {
		HttpResponse<String> response = get("/things", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void refusesAMissingPermissionWith403Problem() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/things"))
			.header("Authorization", "Bearer " + viewer())
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("\"status\":403");
	}

	@Test
	void refusesTokensTheGatewayWouldRefuse() throws Exception {
		String expired = tokens.expiredToken(List.of("viewer"), List.of("a"));
		String otherAudience = tokens.sign(tokens.claims("u", List.of("viewer"), List.of("a")).audience("x").build());
		String otherIssuer = tokens
			.sign(tokens.claims("u", List.of("viewer"), List.of("a")).issuer("http://x").build());
		String[] parts = viewer().split("\\.");
		String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
				+ parts[1] + ".";
		for (String token : List.of(expired, otherAudience, otherIssuer, unsigned, viewer() + "x")) {
			HttpResponse<String> response = get("/things", token);
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
		}
	}

	@Test
	void hidesOtherFleetsObjects() throws Exception {
		assertThat(get("/fleets/fleet-a/things", viewer()).statusCode()).isEqualTo(200);
		assertThat(get("/fleets/fleet-b/things", viewer()).statusCode()).isEqualTo(404);
		String admin = tokens.token(List.of("admin"), List.of("*"));
		assertThat(get("/fleets/fleet-b/things", admin).statusCode()).isEqualTo(200);
	}

	@Test
	void leavesProbesAndMetricsOpen() throws Exception {
		assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
	}

	private static String viewer() {
		return tokens.token(List.of("viewer"), List.of("fleet-a"));
	}

	private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
