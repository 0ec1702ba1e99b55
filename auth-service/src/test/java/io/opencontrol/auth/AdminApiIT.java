package io.opencontrol.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import io.opencontrol.auth.access.ClientAccess;
import io.opencontrol.auth.access.ClientRegistrations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API over real HTTP with real tokens of this auth-service, on real PostgreSQL.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestcontainersConfiguration.class)
class AdminApiIT {

	private static final String SECRET = "admin-api-test-secret";

	@Autowired
	ClientRegistrations registrations;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@BeforeEach
	void clientsOfEachKind() {
		this.registrations.registerMachineClient("ops-admin", "ops-admin", SECRET, Duration.ofMinutes(5),
				new ClientAccess(List.of("admin"), List.of("*"), null));
		this.registrations.registerMachineClient("ops-viewer", "ops-viewer", SECRET, Duration.ofMinutes(5),
				new ClientAccess(List.of("viewer"), List.of("*"), null));
	}

	@Test
	void createsARobotCredentialWhoseTokensNameTheRobot() throws Exception {
		HttpResponse<String> created = post("/api/admin/robots", admin(),
				"{\"robot_id\":\"amr-" + suffix() + "\",\"fleet\":\"warehouse-7\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		Map<?, ?> credential = json(created);

		HttpResponse<String> token = new TokenEndpoint(this.port)
			.clientCredentials((String) credential.get("client_id"), (String) credential.get("client_secret"));
		assertThat(token.statusCode()).isEqualTo(200);
		var claims = SignedJWT.parse((String) json(token).get("access_token")).getJWTClaimsSet();
		assertThat(claims.getStringListClaim("roles")).containsExactly("robot");
		assertThat(claims.getStringListClaim("fleets")).containsExactly("warehouse-7");
		assertThat(claims.getStringClaim("robot_id")).startsWith("amr-");
	}

	@Test
	void aDisabledClientGetsNoMoreTokens() throws Exception {
		String clientId = "svc-" + suffix();
		Map<?, ?> credential = json(post("/api/admin/clients", admin(), "{\"client_id\":\"" + clientId
				+ "\",\"name\":\"Reporting\",\"roles\":[\"viewer\"],\"fleets\":[\"*\"]}"));
		String secret = (String) credential.get("client_secret");
		assertThat(new TokenEndpoint(this.port).clientCredentials(clientId, secret).statusCode()).isEqualTo(200);

		assertThat(post("/api/admin/clients/" + clientId + "/disable", admin(), "").statusCode()).isEqualTo(204);

		assertThat(new TokenEndpoint(this.port).clientCredentials(clientId, secret).statusCode()).isIn(400, 401);
		assertThat(get("/api/admin/clients", admin()).body()).contains("\"client_id\":\"" + clientId + "\"")
			.contains("\"enabled\":false");
	}

	@Test
	void storesPeopleWithHashedPasswordsOnly() throws Exception {
		String username = "dana-" + suffix();
		HttpResponse<String> created = post("/api/admin/users", admin(), "{\"username\":\"" + username
				+ "\",\"password\":\"correct horse battery\",\"roles\":[\"operator\"],\"fleets\":[\"warehouse-7\"]}");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.body()).doesNotContain("correct horse");
		String stored = this.jdbc.sql("select password_hash from app_user where username = ?")
			.param(username)
			.query(String.class)
			.single();
		assertThat(stored).startsWith("{bcrypt}$2").doesNotContain("correct horse");
		assertThat(get("/api/admin/users", admin()).body()).contains(username);
	}

	@Test
	void answersBadInputAndConflictsWithProblemDetails() throws Exception {
		String body = "{\"username\":\"erin-" + suffix()
				+ "\",\"password\":\"long enough password\",\"roles\":[\"viewer\"],\"fleets\":[\"a\"]}";
		assertThat(post("/api/admin/users", admin(), body).statusCode()).isEqualTo(201);
		HttpResponse<String> again = post("/api/admin/users", admin(), body);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		for (String bad : List.of("{", "{\"username\":\"x\"}",
				"{\"username\":\"frank\",\"password\":\"short\",\"roles\":[\"viewer\"],\"fleets\":[\"a\"]}",
				"{\"username\":\"frank\",\"password\":\"long enough password\",\"roles\":[\"robot\"],\"fleets\":[\"a\"]}",
				"{\"username\":\"../etc\",\"password\":\"long enough password\",\"roles\":[\"viewer\"],\"fleets\":[\"a\"]}")) {
			HttpResponse<String> response = post("/api/admin/users", admin(), bad);
			assertThat(response.statusCode()).as(bad).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(bad).hasValue("application/problem+json");
		}
		assertThat(post("/api/admin/users/nobody-here/disable", admin(), "").statusCode()).isEqualTo(404);
	}

	@Test
	void needsTheWritePermission() throws Exception {
		assertThat(get("/api/admin/users", null).statusCode()).isEqualTo(401);
		String viewer = (String) json(new TokenEndpoint(this.port).clientCredentials("ops-viewer", SECRET))
			.get("access_token");
		HttpResponse<String> refused = get("/api/admin/users", viewer);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("\"status\":403");
	}

	private String admin() throws Exception {
		return (String) json(new TokenEndpoint(this.port).clientCredentials("ops-admin", SECRET)).get("access_token");
	}

	private static String suffix() {
		return Long.toString(System.nanoTime(), 36);
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String token, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static Map<?, ?> json(HttpResponse<String> response) {
		return JsonMapper.shared().readValue(response.body(), Map.class);
	}

}
