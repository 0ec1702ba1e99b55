package io.opencontrol.edge.journal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.opencontrol.edge.EdgeDirectories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running edge gateway on a disk that fills up and whose fsync fails: the robot's
 * telemetry is refused with a clear 503 instead of a false acknowledgement, what was
 * acknowledged stays intact, and acknowledgements resume when the disk does. The cloud is
 * unreachable here, so nothing leaves the journal.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "opencontrol.edge.cloud.url=http://127.0.0.1:9", "opencontrol.edge.cloud.client-secret=unused" })
class FullDiskTelemetryTests {

	static final FaultyDisk disk = new FaultyDisk();

	@LocalServerPort
	int port;

	@Autowired
	Journal journal;

	final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) throws IOException {
		EdgeDirectories.register(registry, "edge-full-disk");
	}

	@Test
	void aFullOrFailingDiskRefusesTelemetryClearlyKeepsWhatWasAcknowledgedAndRecovers() throws Exception {
		long before = this.journal.lastSequence();
		assertThat(post("{\"data\":{\"n\":1}}").statusCode()).isEqualTo(202);
		assertThat(post("{\"data\":{\"n\":2}}").statusCode()).isEqualTo(202);

		disk.full = true;
		try {
			HttpResponse<String> refused = post("{\"data\":{\"n\":\"refused\"}}");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(refused.body()).contains("Telemetry journal unavailable").contains("No space left on device");
			assertThat(post("{\"data\":{\"n\":\"refused too\"}}").statusCode()).isEqualTo(503);
		}
		finally {
			disk.full = false;
		}

		disk.fsyncFails = true;
		try {
			HttpResponse<String> refused = post("{\"data\":{\"n\":\"not durable\"}}");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.body()).contains("Input/output error");
		}
		finally {
			disk.fsyncFails = false;
		}

		HttpResponse<String> resumed = post("{\"data\":{\"n\":3}}");
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
		assertThat(resumed.body()).contains("\"sequence\":" + (before + 3));
		List<String> stored = this.journal.readAfter(before, 10)
			.stream()
			.map((record) -> new String(record.payload(), StandardCharsets.UTF_8))
			.toList();
		assertThat(stored).hasSize(3);
		assertThat(stored.get(0)).contains("\"n\":1");
		assertThat(stored.get(1)).contains("\"n\":2");
		assertThat(stored.get(2)).contains("\"n\":3");
	}

	private HttpResponse<String> post(String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/telemetry"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Disk {

		@Bean
		ChannelOpener faultyDisk() {
			return disk;
		}

	}

}
