package io.opencontrol.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

/**
 * The real auth-service and the real gateway as processes, every gateway backend pointed
 * at one {@link RecordingBackend}. Tokens come from the auth-service's demo identities,
 * or are forged with its real signing key.
 */
final class SecuredGateway implements AutoCloseable {

	static final String DEMO_SECRET = "security-suite-demo-secret";

	static final String MAX_REQUEST_SIZE = "1MB";

	private final ServiceProcess auth;

	private final ServiceProcess gateway;

	private final RecordingBackend backend;

	private final TokenForge forge;

	private final String issuer;

	private SecuredGateway(ServiceProcess auth, ServiceProcess gateway, RecordingBackend backend, TokenForge forge,
			String issuer) {
		this.auth = auth;
		this.gateway = gateway;
		this.backend = backend;
		this.forge = forge;
		this.issuer = issuer;
	}

	static SecuredGateway start() throws Exception {
		return start("security", List.of(), List.of());
	}

	/** A separate pair in its own directory, with extra arguments for each service. */
	static SecuredGateway start(String name, List<String> authArguments, List<String> gatewayArguments)
			throws Exception {
		Path work = Path.of(System.getProperty("opencontrol.work", "target/system-test")).resolve(name);
		FileSystemUtils.deleteRecursively(work);
		int authPort = ServiceProcess.freePort();
		int postgresPort = ServiceProcess.freePort();
		int gatewayPort = ServiceProcess.freePort();
		String issuer = "http://localhost:" + authPort;
		RecordingBackend backend = RecordingBackend.start(ServiceProcess.freePort());
		Map<String, String> environment = Map.of("OPENCONTROL_AUTH_DEMO_CLIENT_SECRET", DEMO_SECRET);
		ServiceProcess auth = ServiceProcess.start("auth-service", authPort, ServiceProcess.jar("auth-service"),
				work.resolve("auth-service.log"),
				concat(List.of("--spring.profiles.active=local", "--opencontrol.auth.issuer=" + issuer,
						"--opencontrol.embedded-postgres.port=" + postgresPort,
						"--opencontrol.embedded-postgres.data-directory=" + work.resolve("auth-data").toAbsolutePath()),
						authArguments),
				environment);
		ServiceProcess gateway = ServiceProcess.start("gateway", gatewayPort, ServiceProcess.jar("gateway"),
				work.resolve("gateway.log"),
				concat(List.of("--opencontrol.tokens.issuer=" + issuer,
						"--opencontrol.tokens.jwk-set-uri=http://127.0.0.1:" + authPort + "/oauth2/jwks",
						"--opencontrol.tokens.jwks-refresh-interval=1s", "--opencontrol.tokens.jwks-max-age=3s",
						"--opencontrol.gateway.limits.max-request-size=" + MAX_REQUEST_SIZE,
						"--opencontrol.gateway.limits.requests-per-second=5", "--opencontrol.gateway.limits.burst=200",
						"--opencontrol.gateway.backends.auth-service=" + backend.url(),
						"--opencontrol.gateway.backends.model-server=" + backend.url(),
						"--opencontrol.gateway.backends.fleet-coordinator=" + backend.url(),
						"--opencontrol.gateway.backends.health-aggregator=" + backend.url()), gatewayArguments),
				Map.of());
		try {
			ServiceProcess.awaitReady(List.of(auth, gateway), Duration.ofMinutes(3));
			return new SecuredGateway(auth, gateway, backend, TokenForge.fromAuthDatabase(postgresPort, issuer),
					issuer);
		}
		catch (Exception ex) {
			gateway.stop(Duration.ofSeconds(10));
			auth.stop(Duration.ofSeconds(10));
			backend.close();
			throw ex;
		}
	}

	// Spring Boot joins repeated command-line options with commas, so an extra replaces
	// its default.
	private static List<String> concat(List<String> defaults, List<String> extras) {
		Set<String> overridden = extras.stream().map(SecuredGateway::optionName).collect(Collectors.toSet());
		return Stream
			.concat(defaults.stream().filter((argument) -> !overridden.contains(optionName(argument))), extras.stream())
			.toList();
	}

	private static String optionName(String argument) {
		int equals = argument.indexOf('=');
		return (equals < 0) ? argument : argument.substring(0, equals);
	}

	ServiceProcess gateway() {
		return this.gateway;
	}

	ServiceProcess authService() {
		return this.auth;
	}

	RecordingBackend backend() {
		return this.backend;
	}

	TokenForge forge() {
		return this.forge;
	}

	String issuer() {
		return this.issuer;
	}

	/** A token of a local demo identity, from the auth-service's token endpoint. */
	String demoToken(String role) throws IOException {
		String basic = Base64.getEncoder()
			.encodeToString(("demo-" + role + ":" + DEMO_SECRET).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.auth.send(HttpRequest.newBuilder(this.auth.uri("/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("demo " + role + " got no token: " + response.body());
		}
		return (String) JsonMapper.shared().readValue(response.body(), Map.class).get("access_token");
	}

	HttpResponse<String> call(String method, String path, String token) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gateway.uri("") + path))
			.method(method,
					("GET".equals(method) || "DELETE".equals(method)) ? HttpRequest.BodyPublishers.noBody()
							: HttpRequest.BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.gateway.send(request.build());
	}

	@Override
	public void close() throws InterruptedException {
		this.gateway.stop(Duration.ofSeconds(30));
		this.auth.stop(Duration.ofSeconds(30));
		this.backend.close();
	}

}
