package io.opencontrol.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The compose stack of deploy/, as bin/opencontrol compose runs it, but as a project of
 * its own (its name, env file and published ports), so a developer's stack is left alone.
 */
final class ComposeStack implements AutoCloseable {

	static final String PROJECT = "opencontrol-system-test";

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	final Map<String, String> environment = new HashMap<>();

	final Path envFile;

	final Path work;

	final int gatewayPort;

	final int prometheusPort;

	private ComposeStack(Path work) throws IOException {
		this.work = work;
		this.envFile = work.resolve("compose.env");
		this.gatewayPort = freePort();
		this.prometheusPort = freePort();
		this.environment.put("OPENCONTROL_COMPOSE_PROJECT", PROJECT);
		this.environment.put("OPENCONTROL_COMPOSE_ENV_FILE", this.envFile.toString());
		this.environment.put("OPENCONTROL_GATEWAY_PORT", Integer.toString(this.gatewayPort));
		this.environment.put("OPENCONTROL_PROMETHEUS_PORT", Integer.toString(this.prometheusPort));
		this.environment.put("OPENCONTROL_PUBLIC_URL", "http://localhost:" + this.gatewayPort);
	}

	/** Builds the images with the engine at hand and brings the stack up, healthy. */
	static ComposeStack up(Path work) throws IOException, InterruptedException {
		Files.createDirectories(work);
		ComposeStack stack = new ComposeStack(work);
		stack.run(Duration.ofMinutes(20), "bash", "deploy/build-images.sh").requireSuccess();
		stack.run(Duration.ofMinutes(10), "bash", "deploy/compose.sh", "up").requireSuccess();
		return stack;
	}

	/** The container engine's own CLI, for what compose does not show. */
	static String engine() {
		for (String candidate : List.of("podman", "docker")) {
			for (String directory : System.getenv("PATH").split(":")) {
				if (Files.isExecutable(Path.of(directory, candidate))) {
					return candidate;
				}
			}
		}
		throw new IllegalStateException("neither podman nor docker is on the PATH");
	}

	/** Whether a container engine answers here; the compose test needs one. */
	static boolean engineAnswers() {
		try {
			return new ComposeStack(Files.createTempDirectory("engine")).run(Duration.ofSeconds(30), engine(), "info")
				.status() == 0;
		}
		catch (IOException | InterruptedException | IllegalStateException ex) {
			return false;
		}
	}

	String secret(String name) throws IOException {
		return Files.readAllLines(this.envFile)
			.stream()
			.filter((line) -> line.startsWith(name + "="))
			.map((line) -> line.substring(name.length() + 1))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(name + " is not in " + this.envFile));
	}

	String token(String role) throws IOException, InterruptedException {
		String credentials = java.util.Base64.getEncoder()
			.encodeToString(("demo-" + role + ":" + secret("OPENCONTROL_AUTH_DEMO_CLIENT_SECRET"))
				.getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(gateway("/oauth2/token"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IllegalStateException(
					"no token for " + role + ": HTTP " + answer.statusCode() + " " + answer.body());
		}
		return tools.jackson.databind.json.JsonMapper.shared().readTree(answer.body()).path("access_token").asString();
	}

	URI gateway(String path) {
		return URI.create("http://127.0.0.1:" + this.gatewayPort + path);
	}

	URI prometheus(String path) {
		return URI.create("http://127.0.0.1:" + this.prometheusPort + path);
	}

	HttpResponse<byte[]> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/**
	 * docker-compose on this stack's project, over the engine {@code DOCKER_HOST} names:
	 * the CLI .ci/containers.sh installs (Docker's {@code docker compose} plugin is not
	 * tried, unlike deploy/compose.sh).
	 */
	Result compose(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("docker-compose", "--env-file", this.envFile.toString(),
				"--project-name", PROJECT, "--file", "deploy/compose.yaml"));
		command.addAll(List.of(arguments));
		return run(Duration.ofMinutes(3), command.toArray(String[]::new));
	}

	Result run(Duration timeout, String... command) throws IOException, InterruptedException {
		Path output = Files.createTempFile(this.work, "command", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(ServiceProcess.ROOT.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		builder.environment().putAll(this.environment);
		Process process = builder.start();
		if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(
					String.join(" ", command) + " ran past " + timeout + ":\n" + Files.readString(output));
		}
		return new Result(String.join(" ", command), process.exitValue(), Files.readString(output));
	}

	@Override
	public void close() throws IOException, InterruptedException {
		run(Duration.ofMinutes(5), "bash", "deploy/compose.sh", "down", "--volumes");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	record Result(String command, int status, String output) {

		Result requireSuccess() {
			if (this.status != 0) {
				throw new IllegalStateException(this.command + " exited " + this.status + ":\n" + this.output);
			}
			return this;
		}

		List<String> lines() {
			return this.output.lines().toList();
		}

	}

}
