package io.opencontrol.modelserver.serving;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import io.opencontrol.modelserver.ReferenceData;
import io.opencontrol.modelserver.ServerFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Zero-downtime model updates: while clients infer without pause, a new version directory
 * appears and is switched to, then is removed again and the old version comes back; no
 * request fails at any point.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class VersionSwitchTests {

	private static final Path REPOSITORY = ServerFixture.repositoryCopy((config) -> config);

	private static final String REQUEST = "{\"inputs\":[" + input("joints", 1, 7) + "," + input("image", 1, 3, 64, 64)
			+ "]}";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ServerFixture.register(registry, REPOSITORY);
	}

	@Test
	void switchingVersionsUnderContinuousLoadFailsNoRequest() throws Exception {
		await().atMost(Duration.ofSeconds(120)).until(() -> ready("1"));
		Map<String, LongAdder> answersByVersion = new ConcurrentHashMap<>();
		Map<String, LongAdder> failures = new ConcurrentHashMap<>();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> load = Stream.<Future<?>>generate(() -> clients.submit(() -> {
				while (running.get()) {
					infer(answersByVersion, failures);
				}
			})).limit(8).toList();
			await().atMost(Duration.ofSeconds(30)).until(() -> count(answersByVersion, "1") > 50);

			Path staged = Files.createTempDirectory(REPOSITORY, ".staging");
			try (Stream<Path> files = Files.list(REPOSITORY.resolve("world_model/1"))) {
				for (Path file : files.toList()) {
					Files.copy(file, staged.resolve(file.getFileName()));
				}
			}
			// Published the way a deployment should: one atomic rename of a complete
			// directory.
			Files.move(staged, REPOSITORY.resolve("world_model/2"), StandardCopyOption.ATOMIC_MOVE);
			await().atMost(Duration.ofSeconds(60)).until(() -> ready("2") && !ready("1"));
			long beforeRemoval = count(answersByVersion, "2");
			await().atMost(Duration.ofSeconds(30)).until(() -> count(answersByVersion, "2") > beforeRemoval + 50);

			deleteRecursively(REPOSITORY.resolve("world_model/2"));
			await().atMost(Duration.ofSeconds(60)).until(() -> ready("1") && !ready("2"));
			long afterReturn = count(answersByVersion, "1");
			await().atMost(Duration.ofSeconds(30)).until(() -> count(answersByVersion, "1") > afterReturn + 50);

			running.set(false);
			for (Future<?> client : load) {
				client.get();
			}
		}
		finally {
			running.set(false);
			clients.shutdownNow();
		}
		assertThat(failures).as("failed requests by outcome").isEmpty();
		assertThat(answersByVersion.keySet()).containsExactlyInAnyOrder("1", "2");
	}

	private void infer(Map<String, LongAdder> answersByVersion, Map<String, LongAdder> failures) {
		try {
			HttpResponse<byte[]> response = ServerFixture.send(ServerFixture
				.post(this.port, "/v2/models/world_model/infer", REQUEST.getBytes(StandardCharsets.UTF_8))
				.header("Content-Type", "application/json"), ServerFixture.operatorToken());
			if (response.statusCode() != 200) {
				failures
					.computeIfAbsent("HTTP " + response.statusCode() + " " + new String(response.body()),
							(key) -> new LongAdder())
					.increment();
				return;
			}
			JsonNode answer = JsonMapper.shared().readTree(response.body());
			answersByVersion.computeIfAbsent(answer.get("model_version").asString(), (key) -> new LongAdder())
				.increment();
		}
		catch (RuntimeException ex) {
			failures.computeIfAbsent(ex.toString(), (key) -> new LongAdder()).increment();
		}
	}

	private boolean ready(String version) {
		return ServerFixture
			.send(ServerFixture.get(this.port, "/v2/models/world_model/versions/" + version + "/ready"),
					ServerFixture.operatorToken())
			.statusCode() == 200;
	}

	private static long count(Map<String, LongAdder> counts, String key) {
		LongAdder adder = counts.get(key);
		return (adder != null) ? adder.sum() : 0;
	}

	private static String input(String name, int... shape) {
		int elements = 1;
		StringBuilder dims = new StringBuilder();
		for (int dim : shape) {
			elements *= dim;
			dims.append(dims.length() > 0 ? "," : "").append(dim);
		}
		return "{\"name\":\"" + name + "\",\"datatype\":\"FP32\",\"shape\":[" + dims + "],\"data\":["
				+ "0.5,".repeat(elements - 1) + "0.5]}";
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
