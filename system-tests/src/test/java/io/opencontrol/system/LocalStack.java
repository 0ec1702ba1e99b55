package io.opencontrol.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.FileSystemUtils;

/**
 * Every OpenControl service started from its built jar on free ports, wired to each other
 * the way bin/opencontrol wires them, with embedded PostgreSQL under target/.
 */
final class LocalStack implements AutoCloseable {

	static final String DEMO_SECRET = "system-test-demo-secret";

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

	private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

	static LocalStack start() throws IOException, InterruptedException {
		Path root = Path.of(System.getProperty("opencontrol.root", ".."));
		Path work = Path.of(System.getProperty("opencontrol.work", "target/system-test")).resolve("local");
		FileSystemUtils.deleteRecursively(work);
		Files.createDirectories(work);
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String name : List.of("auth-service", "model-server", "fleet-coordinator", "health-aggregator",
				"edge-gateway", "gateway")) {
			ports.put(name, ServiceProcess.freePort());
		}
		LocalStack stack = new LocalStack();
		try {
			for (Map.Entry<String, Integer> entry : ports.entrySet()) {
				String name = entry.getKey();
				Path jar = root.resolve(name).resolve("target").resolve(name + ".jar");
				if (!Files.isRegularFile(jar)) {
					throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify)");
				}
				stack.services.put(name,
						ServiceProcess.start(name, entry.getValue(), jar, work.resolve("logs").resolve(name + ".log"),
								arguments(name, ports, work, root),
								Map.of("OPENCONTROL_AUTH_DEMO_CLIENT_SECRET", DEMO_SECRET)));
			}
			ServiceProcess.awaitReady(stack.all(), STARTUP_TIMEOUT);
			return stack;
		}
		catch (IOException | RuntimeException | InterruptedException ex) {
			stack.close();
			throw ex;
		}
	}

	ServiceProcess service(String name) {
		return this.services.get(name);
	}

	List<ServiceProcess> all() {
		return List.copyOf(this.services.values());
	}

	private static List<String> arguments(String name, Map<String, Integer> ports, Path work, Path root) {
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=local",
				"--opencontrol.tokens.issuer=http://localhost:" + ports.get("auth-service"),
				"--opencontrol.tokens.jwk-set-uri=http://127.0.0.1:" + ports.get("auth-service") + "/oauth2/jwks"));
		switch (name) {
			case "auth-service" -> {
				arguments.add("--opencontrol.auth.issuer=http://localhost:" + ports.get(name));
				arguments.add(dataDirectory(work, name));
			}
			case "fleet-coordinator" -> arguments.add(dataDirectory(work, name));
			case "model-server" ->
				arguments.add("--opencontrol.models.repository=" + root.resolve("models").toAbsolutePath().normalize());
			case "health-aggregator" -> {
				arguments.add("--opencontrol.health.poll-interval=500ms");
				arguments.add(target("auth_service", ports.get("auth-service")));
				arguments.add(target("model_server", ports.get("model-server")));
				arguments.add(target("fleet_coordinator", ports.get("fleet-coordinator")));
			}
			case "gateway" -> {
				arguments.add(backend("auth-service", ports));
				arguments.add(backend("model-server", ports));
				arguments.add(backend("fleet-coordinator", ports));
				arguments.add(backend("health-aggregator", ports));
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
