package io.opencontrol.modelserver.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.opencontrol.modelserver.ReferenceData;
import io.opencontrol.modelserver.ServerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository extension over HTTP, on a copy of the committed repository: the index
 * says what is served, unload stops a model answering until it is loaded again, and a
 * config that cannot be served is refused by name. Only {@code write} may use it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RepositoryApiTests {

	private static final Path REPOSITORY = ServerFixture.repositoryCopy((config) -> config);

	private static final String INFER = "/v2/models/world_model/infer";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ServerFixture.register(registry, REPOSITORY);
	}

	@BeforeEach
	void awaitReady() {
		ServerFixture.awaitReady(this.port);
	}

	@Test
	void unloadStopsAModelUntilItIsLoadedAgain() {
		assertThat(state()).isEqualTo("READY");

		assertThat(repository("/v2/repository/models/world_model/unload").statusCode()).isEqualTo(200);
		assertThat(state()).isEqualTo("UNAVAILABLE");
		HttpResponse<byte[]> refused = infer();
		assertThat(refused.statusCode()).isIn(404, 503);
		assertThat(body(refused).get("error").asString()).contains("world_model");
		assertThat(ServerFixture
			.send(ServerFixture.get(this.port, "/v2/models/world_model/ready"), ServerFixture.operatorToken())
			.statusCode()).isNotEqualTo(200);

		assertThat(repository("/v2/repository/models/world_model/load").statusCode()).isEqualTo(200);
		assertThat(state()).isEqualTo("READY");
		HttpResponse<byte[]> answered = infer();
		assertThat(answered.statusCode()).isEqualTo(200);
		InferenceApiTests.assertMatches(body(answered).get("outputs").get(0), ReferenceData.tensor("action"));
	}

	@Test
	void aModelTheRepositoryDoesNotHaveIsNotFound() {
		HttpResponse<byte[]> response = repository("/v2/repository/models/nope/load");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(body(response).get("error").asString()).contains("nope");
	}

	@Test
	void aConfigThatCannotBeServedIsRefusedNamingTheFileFieldAndValue() throws IOException {
		Path config = REPOSITORY.resolve("world_model").resolve("config.yaml");
		String committed = Files.readString(config);
		try {
			Files.writeString(config, committed.replace("max_batch_size: 32", "max_batch_size: 0"));

			HttpResponse<byte[]> response = repository("/v2/repository/models/world_model/load");

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(body(response).get("error").asString()).contains(config.toString())
				.contains("max_batch_size = '0'");
			// The version already served goes on answering.
			assertThat(infer().statusCode()).isEqualTo(200);
		}
		finally {
			Files.writeString(config, committed);
		}
	}

	@Test
	void onlyWriteMayUseTheRepository() {
		for (String path : new String[] { "/v2/repository/index", "/v2/repository/models/world_model/unload" }) {
			HttpResponse<byte[]> response = ServerFixture.send(ServerFixture.post(this.port, path, new byte[0]),
					ServerFixture.operatorToken());
			assertThat(response.statusCode()).as(path).isEqualTo(403);
		}
		assertThat(infer().statusCode()).isEqualTo(200);
	}

	private String state() {
		HttpResponse<byte[]> response = repository("/v2/repository/index");
		assertThat(response.statusCode()).isEqualTo(200);
		for (JsonNode entry : body(response)) {
			if (entry.get("name").asString().equals("world_model") && "1".equals(entry.path("version").asString())) {
				return entry.get("state").asString();
			}
		}
		throw new AssertionError("world_model version 1 is not in the index: " + body(response));
	}

	private HttpResponse<byte[]> repository(String path) {
		return ServerFixture.send(ServerFixture.post(this.port, path, new byte[0]), ServerFixture.adminToken());
	}

	private HttpResponse<byte[]> infer() {
		return ServerFixture.send(ServerFixture
			.post(this.port, INFER,
					InferenceApiTests.jsonRequest(ReferenceData.inputs()).getBytes(StandardCharsets.UTF_8))
			.header("Content-Type", "application/json"), ServerFixture.operatorToken());
	}

	private static JsonNode body(HttpResponse<byte[]> response) {
		return InferenceApiTests.JSON.readTree(response.body());
	}

}
