package io.opencontrol.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One OpenControl service running as its own JVM, as it runs in production. */
final class ServiceProcess {

	/** The checkout whose services are tested. */
	static final Path ROOT = Path.of(System.getProperty("opencontrol.root", ".."));

	/**
	 * Every request without a timeout of its own gets this one: a service that accepts a
	 * connection and never answers fails the test that asked, with that service's log,
	 * instead of holding the build until CI's limit.
	 */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** The services speak HTTP/1.1 on plain connections: no h2c upgrade attempt. */
	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final String name;

	private final int port;

	private final Path log;

	private final Process process;

	private ServiceProcess(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	static ServiceProcess start(String name, int port, Path jar, Path log, List<String> arguments,
			Map<String, String> environment) throws IOException {
		return start(name, port, jar, log, List.of(), arguments, environment);
	}

	/** Started with more JVM options; a restart appends to the same log. */
	static ServiceProcess start(String name, int port, Path jar, Path log, List<String> jvmOptions,
			List<String> arguments, Map<String, String> environment) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(
				List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
		command.addAll(arguments);
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		return new ServiceProcess(name, port, log, builder.start());
	}

	/** A service's packaged jar in the checkout. */
	static Path jar(String service) {
		return ROOT.resolve(service).resolve("target").resolve(service + ".jar");
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	boolean isReady() {
		try {
			return get("/actuator/health/readiness").statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

	HttpResponse<String> get(String path) throws IOException {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
		return http.sendAsync(bounded(request), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> send(HttpRequest request) throws IOException {
		HttpRequest sent = bounded(request);
		try {
			return http.send(sent, HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			throw new HttpTimeoutException(this.name + " did not answer " + sent.method() + " " + sent.uri().getPath()
					+ " within " + sent.timeout().orElseThrow() + "; " + askedAgain(sent) + "\n" + threadDump());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	/**
	 * The same request on a new connection of a new client: tells a service that is stuck
	 * from a connection that is.
	 */
	private static String askedAgain(HttpRequest request) {
		long started = System.nanoTime();
		HttpClient fresh = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		try {
			HttpResponse<Void> response = fresh.send(
					HttpRequest.newBuilder(request, (header, value) -> true).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.discarding());
			return "asked again on a new connection, it answered " + response.statusCode() + " in "
					+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms";
		}
		catch (IOException | InterruptedException ex) {
			return "asked again on a new connection: " + ex;
		}
	}

	/**
	 * The service's threads (SIGQUIT makes the JVM print them to its log) and the rest of
	 * its log.
	 */
	private String threadDump() {
		try {
			new ProcessBuilder("kill", "-QUIT", Long.toString(this.process.pid())).start().waitFor();
			Thread.sleep(1000);
			List<String> lines = Files.readAllLines(this.log);
			return "its log ends with:\n"
					+ String.join("\n", lines.subList(Math.max(0, lines.size() - 400), lines.size()));
		}
		catch (IOException ex) {
			return "its log: " + ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	private static HttpRequest bounded(HttpRequest request) {
		return request.timeout().isPresent() ? request
				: HttpRequest.newBuilder(request, (header, value) -> true).timeout(REQUEST_TIMEOUT).build();
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log at " + this.log + ")";
		}
	}

	/**
	 * Waits until every service answers its readiness probe; fails with the log of one
	 * that died.
	 */
	static void awaitReady(List<ServiceProcess> services, Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		List<ServiceProcess> pending = new ArrayList<>(services);
		while (!pending.isEmpty()) {
			for (ServiceProcess service : List.copyOf(pending)) {
				if (!service.isAlive()) {
					throw new IllegalStateException(service.name() + " exited during start-up:\n" + service.logTail());
				}
				if (service.isReady()) {
					pending.remove(service);
				}
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Not ready after " + timeout + ": "
						+ pending.stream()
							.map((service) -> service.name() + ", whose log ends with:\n" + service.logTail())
							.toList());
			}
			Thread.sleep(250);
		}
	}

	/**
	 * A port that is free now, below Linux's ephemeral range (32768 and up): a port the
	 * kernel handed out with {@code new ServerSocket(0)} can be handed out again as the
	 * source port of any outgoing connection before the service binds it.
	 */
	private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

	static int freePort() throws IOException {
		for (int attempt = 0; attempt < 200; attempt++) {
			int candidate = 20000 + ThreadLocalRandom.current().nextInt(12000);
			if (!handedOut.add(candidate)) {
				continue; // another service of this run was given it and may not be up
							// yet
			}
			try (ServerSocket socket = new ServerSocket(candidate)) {
				return socket.getLocalPort();
			}
			catch (IOException taken) {
				// try another
			}
		}
		throw new IOException("No free port between 20000 and 32000");
	}

	/** SIGKILL: no shutdown hook runs, nothing is flushed. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor();
	}

	/**
	 * SIGTERM, as an orchestrator stops it; whatever is left after the grace period is
	 * killed.
	 */
	int stop(Duration grace) throws InterruptedException {
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroy();
		if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
		children.forEach(ProcessHandle::destroyForcibly);
		return this.process.exitValue();
	}

}
