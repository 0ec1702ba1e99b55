package io.opencontrol.modelserver.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.opencontrol.modelserver.ReferenceData;
import io.opencontrol.modelserver.ServerFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every OIP answer, success or error, validates against the schema the Open Inference
 * Protocol's own OpenAPI document gives for it ({@code ../shared/specs}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OipContractTests {

	private static final Path SPEC = Path.of("..", "..", "shared", "specs", "open-inference-protocol",
			"open_inference_rest.yaml");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static JsonNode spec;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ServerFixture.register(registry, ReferenceData.MODELS);
	}

	@BeforeAll
	static void readSpec() throws IOException {
		spec = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(SPEC.toAbsolutePath().normalize()));
	}

	@BeforeEach
	void awaitReady() {
		await().atMost(Duration.ofSeconds(120)).until(() -> get("/v2/health/ready").statusCode() == 200);
	}

	@Test
	void theValidatorRefusesWhatTheSchemaForbids() throws IOException {
		// Without this, a validator that accepted everything would pass every test below.
		assertThat(problems("inference_response", JSON.readTree("{\"model_name\":\"m\"}"))).isNotEmpty();
		assertThat(problems("inference_response", JSON.readTree(
				"{\"model_name\":\"m\",\"outputs\":[{\"name\":\"a\",\"shape\":[\"x\"],\"datatype\":\"FP32\",\"data\":[1]}]}")))
			.isNotEmpty();
		assertThat(problems("metadata_server_response", JSON.readTree("{\"name\":\"s\",\"version\":\"1\"}")))
			.isNotEmpty();
	}

	@Test
	void serverMetadata() throws IOException {
		HttpResponse<byte[]> response = get("/v2");
		assertThat(response.statusCode()).isEqualTo(200);
		assertValid("/v2/", "get", "200", response);
	}

	@Test
	void modelMetadataWithAndWithoutVersion() throws IOException {
		for (String path : new String[] { "/v2/models/world_model", "/v2/models/world_model/versions/1" }) {
			HttpResponse<byte[]> response = get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertValid("/v2/models/${MODEL_NAME}/versions/${MODEL_VERSION}", "get", "200", response);
		}
	}

	@Test
	void unknownModelsAnswerTheModelErrorShape() throws IOException {
		HttpResponse<byte[]> response = get("/v2/models/no_such_model");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(problems("metadata_model_error_response", body(response))).isEmpty();
	}

	@Test
	void inferenceWithAndWithoutVersion() throws IOException {
		byte[] request = InferenceApiTests.jsonRequest(ReferenceData.inputs()).getBytes(StandardCharsets.UTF_8);
		assertThat(problems("inference_request", JSON.readTree(request))).as("the request itself").isEmpty();
		for (String path : new String[] { "/v2/models/world_model/infer", "/v2/models/world_model/versions/1/infer" }) {
			HttpResponse<byte[]> response = post(path, request);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertValid("/v2/models/${MODEL_NAME}/versions/${MODEL_VERSION}/infer", "post", "200", response);
		}
	}

	@Test
	void inferenceErrors() throws IOException {
		String wrongShape = "{\"inputs\":[{\"name\":\"joints\",\"datatype\":\"FP32\",\"shape\":[1,6],\"data\":[1,2,3,4,5,6]}]}";
		HttpResponse<byte[]> response = post("/v2/models/world_model/infer",
				wrongShape.getBytes(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(400);
		assertValid("/v2/models/${MODEL_NAME}/versions/${MODEL_VERSION}/infer", "post", "400", response);
	}

	private void assertValid(String path, String method, String status, HttpResponse<byte[]> response)
			throws IOException {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode operation = spec.path("paths").path(path).path(method);
		String ref = operation.path("responses")
			.path(status)
			.path("content")
			.path("application/json")
			.path("schema")
			.path("$ref")
			.asText();
		assertThat(ref).as("the spec's schema for %s %s %s", method, path, status).startsWith("#/components/schemas/");
		String name = ref.substring(ref.lastIndexOf('/') + 1);
		assertThat(problems(name, body(response))).as("%s against %s", new String(response.body()), name).isEmpty();
	}

	private static Set<ValidationMessage> problems(String schemaName, JsonNode document) {
		ObjectNode root = JSON.createObjectNode();
		root.put("$ref", "#/components/schemas/" + schemaName);
		root.set("components", spec.get("components"));
		JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(root);
		return schema.validate(document);
	}

	private static JsonNode body(HttpResponse<byte[]> response) throws IOException {
		return JSON.readTree(response.body());
	}

	private HttpResponse<byte[]> get(String path) {
		return ServerFixture.send(ServerFixture.get(this.port, path), ServerFixture.operatorToken());
	}

	private HttpResponse<byte[]> post(String path, byte[] body) {
		return ServerFixture.send(ServerFixture.post(this.port, path, body).header("Content-Type", "application/json"),
				ServerFixture.operatorToken());
	}

}
