package io.opencontrol.system;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The robot's inference when the cloud's model-server goes away and comes back: under a
 * steady stream of /predict calls at the edge, no call fails, answers come from the
 * robot's own model within a second of the model-server stopping, and from the cloud
 * again once it is back.
 */
class EdgeInferenceIT {

	static final JsonMapper json = JsonMapper.shared();

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	static final String BODY = body();

	static LocalStack stack;

	static ServiceProcess edge;

	@BeforeAll
	static void startCloudAndEdge() throws Exception {
		stack = LocalStack.start(List.of("auth-service", "model-server", "gateway"));
		Path work = stack.work("edge");
		List<String> arguments = new ArrayList<>(stack.edgeArguments(work));
		arguments.add("--opencontrol.edge.inference.sync-interval=1s");
		edge = ServiceProcess.start("edge-gateway", ServiceProcess.freePort(), ServiceProcess.jar("edge-gateway"),
				work.resolve("logs").resolve("edge-gateway.log"), List.of(), arguments,
				java.util.Map.of("OPENCONTROL_AUTH_DEMO_CLIENT_SECRET", LocalStack.DEMO_SECRET));
		ServiceProcess.awaitReady(List.of(edge), Duration.ofMinutes(2));
		await().atMost(Duration.ofMinutes(1))
			.until(() -> "1".equals(status().path("inference").path("local_version").asString(null)));
	}

	@AfterAll
	static void stopAll() throws Exception {
		if (edge != null) {
			edge.stop(Duration.ofSeconds(20));
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void noCallFailsWhileTheModelServerIsAwayAndAnswersReturnToTheCloud() throws Exception {
		List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean running = new AtomicBoolean(true);
		Thread robot = new Thread(() -> {
			while (running.get()) {
				answers.add(predict());
				sleep(50);
			}
		}, "robot-software");
		robot.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> last(answers).source().equals("cloud_server"));

			stack.service("model-server").stop(Duration.ofSeconds(30));
			long stopped = System.nanoTime();
			sleep(3000);
			List<Answer> whileAway = answers.stream().filter((answer) -> answer.sentAt() > stopped).toList();
			assertThat(whileAway).isNotEmpty();
			assertThat(whileAway).allSatisfy((answer) -> {
				assertThat(answer.status()).isEqualTo(200);
				if (answer.sentAt() - stopped > 1_000_000_000L) {
					assertThat(answer.source()).isEqualTo("local_edge");
				}
			});
			assertThat(whileAway.get(0).receivedAt() - stopped).as("first answer after the stop, ns")
				.isLessThan(1_000_000_000L);

			stack.restart("model-server");
			await().atMost(Duration.ofSeconds(30)).until(() -> last(answers).source().equals("cloud_server"));
		}
		finally {
			running.set(false);
			robot.join();
		}
		List<Answer> failed;
		synchronized (answers) {
			failed = answers.stream().filter((answer) -> answer.status() != 200).toList();
		}
		assertThat(failed).as("calls that failed, of %d", answers.size()).isEmpty();
		assertThat(answers).extracting(Answer::source).contains("local_edge", "cloud_server");
	}

	private static Answer last(List<Answer> answers) {
		synchronized (answers) {
			return answers.isEmpty() ? new Answer(0, 0, 0, "none") : answers.get(answers.size() - 1);
		}
	}

	private static Answer predict() {
		long sent = System.nanoTime();
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(edge.uri("/predict"))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(BODY))
				.build(), HttpResponse.BodyHandlers.ofString());
			String source = (response.statusCode() == 200) ? json.readTree(response.body()).path("source").asString()
					: response.body();
			return new Answer(sent, System.nanoTime(), response.statusCode(), source);
		}
		catch (IOException | InterruptedException ex) {
			return new Answer(sent, System.nanoTime(), 0, ex.toString());
		}
	}

	private static JsonNode status() throws IOException {
		return json.readTree(edge.get("/status").body());
	}

	private static String body() {
		String row = "[" + "0.5,".repeat(63) + "0.5]";
		String plane = "[" + (row + ",").repeat(63) + row + "]";
		return "{\"model\":\"world_model\",\"inputs\":{\"joints\":[[0.1,0.2,0.3,0.4,0.5,0.6,0.7]],\"image\":[[" + plane
				+ "," + plane + "," + plane + "]]}}";
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Answer(long sentAt, long receivedAt, int status, String source) {
	}

}
