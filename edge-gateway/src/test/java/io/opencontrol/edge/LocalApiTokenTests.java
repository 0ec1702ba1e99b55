package io.opencontrol.edge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With a local API token configured, only callers that present it reach the robot. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "opencontrol.edge.cloud.url=http://127.0.0.1:9", "opencontrol.edge.cloud.client-secret=unused",
				"opencontrol.edge.local-api.token=" + LocalApiTokenTests.TOKEN })
class LocalApiTokenTests {

	static final String TOKEN = "robot-local-token-4f9a1c";

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) throws IOException {
		EdgeDirectories.register(registry, "edge-local-token");
	}

	@Test
	void callsWithoutTheTokenAreRefusedAndProbesStayOpen() throws Exception {
		for (String authorization : new String[] { null, "Bearer wrong", "Bearer " + TOKEN + "x", TOKEN }) {
			HttpResponse<String> refused = get("/status", authorization);
			assertThat(refused.statusCode()).as(authorization).isEqualTo(401);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		}
		assertThat(get("/status", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
