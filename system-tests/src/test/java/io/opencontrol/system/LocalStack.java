package io.opencontrol.system;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

/**
 * Every OpenControl service started from its built jar on free ports, wired to each other
 * the way bin/opencontrol wires them, with embedded PostgreSQL under target/.
 */
final class LocalStack implements AutoCloseable {

	static final String DEMO_SECRET = "system-test-demo-secret";

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

	private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

	private final Map<String, List<String>> argumentsOf = new LinkedHashMap<>();

	static final List<String> ALL = List.of("auth-service", "model-server", "fleet-coordinator", "health-aggregator",
			"edge-gateway", "gateway");

	private final Path work;

	private LocalStack(Path work) {
		this.work = work;
	}

	static LocalStack start() throws IOException, InterruptedException {
		return start(ALL);
	}

	/** Only the named services (in the order of {@link #ALL}). */
	static LocalStack start(List<String> names) throws IOException, InterruptedException {
		Path work = Path.of(System.getProperty("opencontrol.work", "target/system-test")).resolve("local");
		FileSystemUtils.deleteRecursively(work);
		Files.createDirectories(work);
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String name : ALL) {
			if (names.contains(name)) {
				ports.put(name, ServiceProcess.freePort());
			}
		}
		LocalStack stack = new LocalStack(work);
		try {
			for (Map.Entry<String, Integer> entry : ports.entrySet()) {
				String name = entry.getKey();
				Path jar = ServiceProcess.jar(name);
				if (!Files.isRegularFile(jar)) {
					throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify)");
				}
				stack.argumentsOf.put(name, arguments(name, ports, work));
				stack.services.put(name, stack.launch(name, entry.getValue()));
			}
			ServiceProcess.awaitReady(stack.all(), STARTUP_TIMEOUT);
			return stack;
		}
		catch (IOException | RuntimeException | InterruptedException ex) {
			stack.close();
			throw ex;
		}
	}

	private ServiceProcess launch(String name, int port) throws IOException {
		return ServiceProcess.start(name, port, ServiceProcess.jar(name),
				this.work.resolve("logs").resolve(name + ".log"), List.of(), this.argumentsOf.get(name),
				Map.of("OPENCONTROL_AUTH_DEMO_CLIENT_SECRET", DEMO_SECRET));
	}

	/** Starts a service stopped before on its port again, and waits until it is ready. */
	void restart(String name) throws IOException, InterruptedException {
		ServiceProcess again = launch(name, service(name).port());
		this.services.put(name, again);
		ServiceProcess.awaitReady(List.of(again), STARTUP_TIMEOUT);
	}

	ServiceProcess service(String name) {
		return this.services.get(name);
	}

	/**
	 * A JSON request through the gateway with the given bearer token (body may be null).
	 */
	HttpResponse<String> throughGateway(String method, String path, String token, String body) throws IOException {
		ServiceProcess gateway = service("gateway");
		return gateway.send(HttpRequest.newBuilder(gateway.uri(path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.build());
	}

	/** A scratch directory of this run. */
	Path work(String name) throws IOException {
		return Files.createDirectories(this.work.resolve(name)).toAbsolutePath();
	}

	/** An access token of a local demo identity (admin, operator, viewer, robot). */
	String demoToken(String role) throws IOException {
		ServiceProcess gateway = service("gateway");
		String basic = Base64.getEncoder()
			.encodeToString(("demo-" + role + ":" + DEMO_SECRET).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("no token for demo-" + role + ": " + response.body());
		}
		return (String) JsonMapper.shared().readValue(response.body(), Map.class).get("access_token");
	}

	/**
	 * The arguments that point an edge gateway at this stack as its cloud, with its
	 * journal and models in {@code directory}.
	 */
	List<String> edgeArguments(Path directory) {
		return List.of("--spring.profiles.active=local",
				"--opencontrol.edge.cloud.url=http://127.0.0.1:" + service("gateway").port(),
				"--opencontrol.edge.journal.directory=" + directory.resolve("journal"),
				"--opencontrol.edge.inference.local-models=" + directory.resolve("models"));
	}

	List<ServiceProcess> all() {
		return List.copyOf(this.services.values());
	}

	private static List<String> arguments(String name, Map<String, Integer> ports, Path work) {
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=local",
				"--opencontrol.tokens.issuer=http://localhost:" + ports.get("auth-service"),
				"--opencontrol.tokens.jwk-set-uri=http://127.0.0.1:" + ports.get("auth-service") + "/oauth2/jwks"));
		switch (name) {
			case "auth-service" -> {
				arguments.add("--opencontrol.auth.issuer=http://localhost:" + ports.get(name));
				arguments.add(dataDirectory(work, name));
			}
			case "fleet-coordinator" -> arguments.add(dataDirectory(work, name));
			case "edge-gateway" -> {
				arguments.add("--opencontrol.edge.cloud.url=http://127.0.0.1:" + ports.get("gateway"));
				arguments.add("--opencontrol.edge.journal.directory=" + work.resolve("edge-journal").toAbsolutePath());
				arguments
					.add("--opencontrol.edge.inference.local-models=" + work.resolve("edge-models").toAbsolutePath());
			}
			case "model-server" -> arguments.add("--opencontrol.models.repository="
					+ ServiceProcess.ROOT.resolve("models").toAbsolutePath().normalize());
			case "health-aggregator" -> {
				arguments.add("--opencontrol.health.poll-interval=500ms");
				arguments.add(target("auth_service", ports.get("auth-service")));
				arguments.add(target("model_server", ports.get("model-server")));
				arguments.add(target("fleet_coordinator", ports.get("fleet-coordinator")));
			}
			case "gateway" -> {
				for (String backend : List.of("auth-service", "model-server", "fleet-coordinator",
						"health-aggregator")) {
					if (ports.containsKey(backend)) {
						arguments.add(backend(backend, ports));
					}
				}
			}
			default -> {
			}
		}
		return arguments;
	}

	private static String dataDirectory(Path work, String name) {
		return "--opencontrol.embedded-postgres.data-directory=" + work.resolve("data").resolve(name).toAbsolutePath();
	}

	private static String target(String component, int port) {
		return "--opencontrol.health.targets." + component + ".url=http://127.0.0.1:" + port
				+ "/actuator/health/readiness";
	}

	private static String backend(String name, Map<String, Integer> ports) {
		return "--opencontrol.gateway.backends." + name + "=http://127.0.0.1:" + ports.get(name);
	}

	@Override
	public void close() throws InterruptedException {
		for (ServiceProcess service : this.services.values()) {
			service.stop(Duration.ofSeconds(30));
		}
	}

}
