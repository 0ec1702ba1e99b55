package io.opencontrol.modelserver.serving;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.opencontrol.modelserver.ServerFixture;
import io.opencontrol.testtokens.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model server as an orchestrator runs it: the packaged jar in its own JVM. Readiness
 * comes only after the models are warm; SIGTERM under load answers every request it
 * accepted, with no 5xx, and then the process exits.
 */
class ServingProcessIT {

	private static final Path JAR = Path.of("target", "model-server.jar").toAbsolutePath();

	/** Longer than a request takes to reach the server on this host, even under load. */
	private static final Duration DELIVERY = Duration.ofMillis(200);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final String REQUEST = "{\"inputs\":[" + tensor("joints", 1, 7) + "," + tensor("image", 1, 3, 64, 64)
			+ "],\"parameters\":{\"timeout\":20000000}}";

	private Process process;

	private int port;

	private Path log;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly().waitFor();
		}
	}

	@Test
	void readinessWaitsUntilEveryModelIsWarm() throws Exception {
		// A long warm-up (many full batches) keeps the server live but not ready for
		// seconds.
		String sizes = IntStream.range(0, 1500).mapToObj((i) -> "32").collect(Collectors.joining(", "));
		start(ServerFixture.repositoryCopy((config) -> config + "warmup: {batch_sizes: [" + sizes + "]}\n"));
		boolean liveButNotReady = false;
		Instant readyAt = null;
		Instant deadline = Instant.now().plusSeconds(180);
		while (readyAt == null && Instant.now().isBefore(deadline)) {
			assertThat(this.process.isAlive()).as("the server exited:\n%s", logTail()).isTrue();
			int live = status("/actuator/health/liveness");
			int ready = status("/actuator/health/readiness");
			if (ready == 200) {
				readyAt = Instant.now();
			}
			else if (live == 200) {
				assertThat(ready).isEqualTo(503);
				assertThat(status("/v2/health/ready")).isNotEqualTo(200);
				if (!liveButNotReady) {
					assertLoadingIsRetryable();
				}
				liveButNotReady = true;
			}
			Thread.sleep(20);
		}
		assertThat(readyAt).as("ready within 180 s").isNotNull();
		assertThat(liveButNotReady).as("seen live but not ready while warming up").isTrue();
		Instant warmAt = loggedAt("world_model version 1 loaded and warm");
		assertThat(warmAt).as("warm before ready").isBeforeOrEqualTo(readyAt);
		assertThat(infer().statusCode()).isEqualTo(200);
	}

	/**
	 * A configured model that is still loading is not missing: callers (the edge
	 * gateway's circuit breaker among them) must see a retryable 503, not a 404.
	 */
	private void assertLoadingIsRetryable() throws IOException, InterruptedException {
		HttpResponse<String> inference = infer();
		assertThat(inference.statusCode()).as(inference.body()).isEqualTo(503);
		assertThat(inference.headers().firstValue("Retry-After")).contains("1");
		assertThat(inference.body()).contains("world_model is loading");
		HttpResponse<String> modelReady = HTTP.send(HttpRequest.newBuilder(uri("/v2/models/world_model/ready"))
			.header("Authorization", "Bearer " + ServerFixture.operatorToken())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(modelReady.statusCode()).isEqualTo(503);
		assertThat(modelReady.body()).contains("\"ready\":false");
		HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(uri("/v2/models/no_such_model/infer"))
			.header("Authorization", "Bearer " + ServerFixture.operatorToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(REQUEST))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(other.statusCode()).isEqualTo(404);
	}

	@Test
	void sigtermUnderLoadAnswersEveryAcceptedRequest() throws Exception {
		start(ServerFixture.repositoryCopy((config) -> config));
		awaitReady();
		List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService clients = Executors.newFixedThreadPool(24);
		List<Future<?>> load = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			load.add(clients.submit(() -> {
				while (running.get()) {
					outcomes.add(call());
				}
			}));
		}
		Thread.sleep(3000);
		Instant terminatedAt = Instant.now();
		this.process.destroy();
		boolean exited = this.process.waitFor(60, TimeUnit.SECONDS);
		running.set(false);
		for (Future<?> client : load) {
			client.get(30, TimeUnit.SECONDS);
		}
		clients.shutdown();

		assertThat(exited).as("exited within 60 s of SIGTERM").isTrue();
		assertThat(this.process.exitValue()).as("exit status after SIGTERM").isIn(0, 143);
		Map<String, Long> byOutcome = outcomes.stream()
			.collect(Collectors.groupingBy(Outcome::describe, Collectors.counting()));
		System.out.println("Outcomes of requests around SIGTERM: " + byOutcome);
		// Every response the server gave is an answer: no 5xx, no 503 while shutting
		// down.
		assertThat(outcomes.stream().filter((outcome) -> outcome.status() != 0 && outcome.status() != 200))
			.as("outcomes %s", byOutcome)
			.isEmpty();
		// Requests sent before SIGTERM were accepted: each one was answered. A client's
		// clock reading is taken before its request is written, so one taken just before
		// the signal may reach a server that has stopped taking requests: the margin
		// leaves out only those.
		Instant acceptedBefore = terminatedAt.minus(DELIVERY);
		assertThat(outcomes.stream()
			.filter((outcome) -> outcome.sentAt().isBefore(acceptedBefore))
			.filter((outcome) -> outcome.status() != 200)).as("outcomes %s, SIGTERM at %s", byOutcome, terminatedAt)
			.isEmpty();
		assertThat(outcomes.stream().filter((outcome) -> outcome.status() == 200).count()).isGreaterThan(100);
		assertThat(Files.readString(this.log)).doesNotContain("Exception");
	}

	private void start(Path repository) throws IOException {
		this.port = freePort();
		this.log = Files.createTempFile("model-server", ".log");
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = List.of(java, "-Xmx1g", "-jar", JAR.toString(), "--server.port=" + this.port,
				"--opencontrol.models.repository=" + repository, "--opencontrol.models.poll-interval=1s",
				"--opencontrol.tokens.issuer=" + TestTokens.ISSUER,
				"--opencontrol.tokens.jwk-set-uri=" + ServerFixture.TOKENS.jwkSetUri());
		this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(this.log.toFile()).start();
	}

	private void awaitReady() throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(180);
		while (status("/actuator/health/readiness") != 200) {
			assertThat(this.process.isAlive()).as("the server exited:\n%s", logTail()).isTrue();
			assertThat(Instant.now()).as("ready within 180 s").isBefore(deadline);
			Thread.sleep(100);
		}
	}

	private Outcome call() {
		Instant sentAt = Instant.now();
		try {
			HttpResponse<String> response = infer();
			return new Outcome(sentAt, response.statusCode(), (response.statusCode() != 200) ? response.body() : null);
		}
		catch (IOException ex) {
			return new Outcome(sentAt, 0, ex.getClass().getSimpleName());
		}
	}

	private HttpResponse<String> infer() throws IOException {
		HttpRequest request = HttpRequest.newBuilder(uri("/v2/models/world_model/infer"))
			.header("Authorization", "Bearer " + ServerFixture.operatorToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(REQUEST))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private int status(String path) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	private Instant loggedAt(String message) throws IOException {
		String line = Files.readAllLines(this.log)
			.stream()
			.filter((candidate) -> candidate.contains(message))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no log line with '" + message + "':\n" + logTail()));
		return Instant.parse(line.substring(0, line.indexOf(' ')));
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/**
	 * Below Linux's ephemeral range, so no outgoing connection can be given it meanwhile.
	 */
	private static int freePort() throws IOException {
		for (int attempt = 0; attempt < 200; attempt++) {
			int candidate = 20000 + ThreadLocalRandom.current().nextInt(12000);
			try (ServerSocket socket = new ServerSocket(candidate)) {
				return socket.getLocalPort();
			}
			catch (IOException taken) {
				// try another
			}
		}
		throw new IOException("No free port between 20000 and 32000");
	}

	private static String tensor(String name, int... shape) {
		int elements = IntStream.of(shape).reduce(1, Math::multiplyExact);
		return "{\"name\":\"" + name + "\",\"datatype\":\"FP32\",\"shape\":"
				+ IntStream.of(shape).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"))
				+ ",\"data\":[" + "0.25,".repeat(elements - 1) + "0.25]}";
	}

	/**
	 * One request: when it was sent and its status, with the body of an answer other than
	 * 200, or 0 and why no response came.
	 */
	private record Outcome(Instant sentAt, int status, String detail) {

		String describe() {
			return (this.status != 0) ? "HTTP " + this.status : this.detail;
		}

	}

}
