package io.opencontrol.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Telemetry from a robot's edge gateway to the fleet-coordinator, through the gateway,
 * with real tokens: nothing acknowledged is lost and nothing arrives twice, whether the
 * edge gateway is killed (SIGKILL) again and again or the cloud is away for 30 seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeTelemetryIT {

	static final String FLEET = "demo-fleet";

	static final String ROBOT = "demo-robot-1";

	static final JsonMapper json = JsonMapper.shared();

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	static LocalStack stack;

	static EdgeProcess edge;

	/** Every record the edge gateway acknowledged, by the test's own number in it. */
	static final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();

	static final AtomicLong numbers = new AtomicLong();

	/**
	 * What the coordinator holds, as read so far: the records' numbers, and the read
	 * cursor.
	 */
	static final Set<Long> stored = new HashSet<>();

	static long readUpTo;

	static long lastSequence;

	@BeforeAll
	static void startCloudAndRegisterTheRobot() throws Exception {
		stack = LocalStack.start(List.of("auth-service", "fleet-coordinator", "gateway"));
		String admin = stack.demoToken("admin");
		assertThat(stack
			.throughGateway("POST", "/api/fleets", admin,
					"{\"id\":\"" + FLEET
							+ "\",\"name\":\"demo\",\"map_width_m\":100,\"map_height_m\":100,\"chargers\":[]}")
			.statusCode()).isEqualTo(201);
		assertThat(stack
			.throughGateway("POST", "/api/robots", admin, "{\"id\":\"" + ROBOT + "\",\"fleet\":\"" + FLEET
					+ "\",\"capabilities\":[],\"x\":1,\"y\":1,\"speed_mps\":1,\"battery_pct\":90,\"capacity\":1}")
			.statusCode()).isEqualTo(201);
		edge = EdgeProcess.prepare(stack.work("edge"), stack.edgeArguments(stack.work("edge")));
	}

	@AfterAll
	static void stopCloud() throws Exception {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Order(1)
	void acknowledgedTelemetrySurvivesAHundredKillsAndArrivesOnceInOrder() throws Exception {
		Random random = new Random(42);
		for (int kill = 1; kill <= 100; kill++) {
			// Small segments: kills also land while segments are sealed and deleted.
			ServiceProcess process = edge.start("--opencontrol.edge.journal.segment-size=16KB",
					"--opencontrol.edge.journal.disk-budget=64MB");
			ServiceProcess.awaitReady(List.of(process), Duration.ofSeconds(60));
			try (Writers writers = Writers.start(process, 3)) {
				Thread.sleep(100 + random.nextInt(900));
				process.kill();
			}
			checkWhatArrivedSoFar();
		}
		ServiceProcess process = edge.start();
		try {
			ServiceProcess.awaitReady(List.of(process), Duration.ofSeconds(60));
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				checkWhatArrivedSoFar();
				assertThat(stored).containsAll(acknowledged);
			});
			assertThat(acknowledged).hasSizeGreaterThan(1000);
			assertThat(status(process).get("journal").get("backlog").asLong()).isZero();
		}
		finally {
			process.stop(Duration.ofSeconds(20));
		}
	}

	@Test
	@Order(2)
	void tenThousandRecordsWrittenDuringAThirtySecondOutageAllArriveOnce() throws Exception {
		ServiceProcess process = edge.start();
		try {
			ServiceProcess.awaitReady(List.of(process), Duration.ofSeconds(60));
			stack.service("gateway").stop(Duration.ofSeconds(20));
			Instant outageEnds = Instant.now().plusSeconds(30);
			Set<Long> written = ConcurrentHashMap.newKeySet();
			ExecutorService robotSoftware = Executors.newFixedThreadPool(8);
			try {
				List<Future<?>> writes = new ArrayList<>();
				for (int i = 0; i < 10_000; i++) {
					writes.add(robotSoftware.submit(() -> {
						long number = numbers.incrementAndGet();
						HttpResponse<String> answer = record(process, number);
						assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
						acknowledged.add(number);
						written.add(number);
						return null;
					}));
				}
				for (Future<?> write : writes) {
					write.get();
				}
			}
			finally {
				robotSoftware.shutdownNow();
			}
			assertThat(written).hasSize(10_000);
			assertThat(Instant.now()).as("10,000 records within the outage").isBefore(outageEnds);
			assertThat(status(process).get("journal").get("backlog").asLong()).isGreaterThanOrEqualTo(10_000);
			Thread.sleep(Math.max(0, Duration.between(Instant.now(), outageEnds).toMillis()));
			stack.restart("gateway");

			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				checkWhatArrivedSoFar();
				assertThat(stored).containsAll(written);
			});
			assertThat(status(process).get("journal").get("backlog").asLong()).isZero();
		}
		finally {
			process.stop(Duration.ofSeconds(20));
		}
	}

	/**
	 * Reads what arrived since the last look: a number seen before is a duplicate, and
	 * the journal's sequences must rise in the order the records arrived.
	 */
	private static void checkWhatArrivedSoFar() throws Exception {
		String admin = stack.demoToken("admin");
		while (true) {
			HttpResponse<String> page = stack.throughGateway("GET",
					"/api/robots/" + ROBOT + "/telemetry?after=" + readUpTo + "&limit=5000", admin, null);
			assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
			JsonNode records = json.readTree(page.body());
			if (records.isEmpty()) {
				return;
			}
			for (JsonNode record : records) {
				long number = record.get("data").get("n").asLong();
				assertThat(stored.add(number)).as("record %d arrived twice", number).isTrue();
				long sequence = record.get("sequence").asLong();
				assertThat(sequence).as("arrival order").isGreaterThan(lastSequence);
				lastSequence = sequence;
				readUpTo = record.get("id").asLong();
			}
		}
	}

	private static JsonNode status(ServiceProcess process) throws IOException {
		return json.readTree(process.get("/status").body());
	}

	static HttpResponse<String> record(ServiceProcess process, long number) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(process.uri("/telemetry"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"n\":" + number + ",\"battery_pct\":80.5}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Robot software writing telemetry as fast as the edge gateway acknowledges it. */
	private static final class Writers implements AutoCloseable {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final List<Thread> threads = new ArrayList<>();

		static Writers start(ServiceProcess process, int count) {
			Writers writers = new Writers();
			for (int i = 0; i < count; i++) {
				Thread thread = new Thread(() -> writers.write(process), "telemetry-writer-" + i);
				writers.threads.add(thread);
				thread.start();
			}
			return writers;
		}

		private void write(ServiceProcess process) {
			while (this.running.get()) {
				long number = numbers.incrementAndGet();
				try {
					if (record(process, number).statusCode() == 202) {
						acknowledged.add(number);
					}
				}
				catch (IOException ex) {
					// killed while the request was open: not acknowledged
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.running.set(false);
			for (Thread thread : this.threads) {
				thread.join();
			}
		}

	}

}
