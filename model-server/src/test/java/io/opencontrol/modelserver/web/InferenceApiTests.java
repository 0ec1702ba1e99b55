package io.opencontrol.modelserver.web;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.opencontrol.modelserver.ReferenceData;
import io.opencontrol.modelserver.ServerFixture;
import io.opencontrol.modelserver.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The committed world model (TorchScript) through every inference API, against the Python
 * reference.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InferenceApiTests {

	static final JsonMapper JSON = JsonMapper.shared();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ServerFixture.register(registry, repository());
	}

	static Path repository() {
		return ReferenceData.MODELS;
	}

	@BeforeEach
	void awaitReady() {
		ServerFixture.awaitReady(this.port);
	}

	@Test
	void oipJsonMatchesThePythonReference() {
		HttpResponse<byte[]> response = infer(jsonRequest(ReferenceData.inputs()).getBytes(StandardCharsets.UTF_8),
				null);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("model_name").asString()).isEqualTo("world_model");
		assertThat(body.get("model_version").asString()).isEqualTo("1");
		assertMatches(body.get("outputs").get(0), ReferenceData.tensor("action"));
		assertMatches(body.get("outputs").get(1), ReferenceData.tensor("confidence"));
	}

	@Test
	void oipBinaryMatchesThePythonReference() {
		List<Tensor> inputs = ReferenceData.inputs();
		String header = "{\"inputs\":[" + binaryInput(inputs.get(0)) + "," + binaryInput(inputs.get(1))
				+ "],\"outputs\":[{\"name\":\"action\",\"parameters\":{\"binary_data\":true}},{\"name\":\"confidence\"}]}";
		byte[] body = binaryBody(header, inputs);

		HttpResponse<byte[]> response = infer(body, header.getBytes(StandardCharsets.UTF_8).length);

		assertThat(response.statusCode()).isEqualTo(200);
		int headerLength = Integer
			.parseInt(response.headers().firstValue("Inference-Header-Content-Length").orElseThrow());
		JsonNode json = JSON.readTree(new String(response.body(), 0, headerLength, StandardCharsets.UTF_8));
		assertThat(json.get("outputs").get(0).get("parameters").get("binary_data_size").asInt()).isEqualTo(4 * 4 * 7);
		float[] action = new float[4 * 7];
		ByteBuffer.wrap(response.body(), headerLength, action.length * 4)
			.order(ByteOrder.LITTLE_ENDIAN)
			.asFloatBuffer()
			.get(action);
		assertClose(action, ReferenceData.tensor("action").toFloats());
		assertMatches(json.get("outputs").get(1), ReferenceData.tensor("confidence"));
	}

	@Test
	void predictMatchesThePythonReference() {
		Tensor joints = ReferenceData.tensor("joints");
		Tensor image = ReferenceData.tensor("image");
		String body = "{\"model\":\"world_model\",\"inputs\":{\"joints\":" + nested(joints) + ",\"image\":"
				+ nested(image) + "},\"priority\":\"high\",\"timeout_ms\":2000}";

		HttpResponse<byte[]> response = ServerFixture
			.send(ServerFixture.post(this.port, "/predict", body.getBytes(StandardCharsets.UTF_8))
				.header("Content-Type", "application/json"), ServerFixture.operatorToken());

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode answer = JSON.readTree(response.body());
		assertThat(answer.get("version").asString()).isEqualTo("1");
		assertThat(answer.get("source").asString()).isEqualTo("cloud_server");
		assertThat(answer.get("latency_ms").asDouble()).isPositive();
		assertClose(flatten(answer.get("outputs").get("action")), ReferenceData.tensor("action").toFloats());
		assertClose(flatten(answer.get("outputs").get("confidence")), ReferenceData.tensor("confidence").toFloats());
	}

	@Test
	void healthSaysTheModelIsLoaded() {
		HttpResponse<byte[]> response = ServerFixture.send(ServerFixture.get(this.port, "/health"),
				ServerFixture.operatorToken());

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = JSON.readTree(response.body());
		assertThat(health.get("status").asString()).isEqualTo("healthy");
		assertThat(health.get("model_loaded").asBoolean()).isTrue();
	}

	@Test
	void aRobotDownloadsTheServedModelFileWithItsChecksum() throws Exception {
		String robot = ServerFixture.TOKENS.robotToken("r-1", "f-1");
		HttpResponse<byte[]> file = ServerFixture
			.send(ServerFixture.get(this.port, "/v2/repository/models/world_model/versions/1/files/model.onnx"), robot);

		assertThat(file.statusCode()).isEqualTo(200);
		byte[] committed = java.nio.file.Files.readAllBytes(ReferenceData.MODELS.resolve("world_model/1/model.onnx"));
		assertThat(file.body()).isEqualTo(committed);
		String sha256 = java.util.Base64.getEncoder()
			.encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(committed));
		assertThat(file.headers().firstValue("Repr-Digest")).hasValue("sha-256=:" + sha256 + ":");

		for (String missing : List.of("/v2/repository/models/world_model/versions/9/files/model.onnx",
				"/v2/repository/models/world_model/versions/1/files/config.yaml",
				"/v2/repository/models/nothing/versions/1/files/model.onnx")) {
			HttpResponse<byte[]> refused = ServerFixture.send(ServerFixture.get(this.port, missing), robot);
			assertThat(refused.statusCode()).as(missing).isIn(400, 404);
			assertThat(new String(refused.body(), StandardCharsets.UTF_8)).as(missing).contains("error");
		}
	}

	HttpResponse<byte[]> infer(byte[] body, Integer headerLength) {
		var request = ServerFixture.post(this.port, "/v2/models/world_model/infer", body);
		if (headerLength != null) {
			request.header("Inference-Header-Content-Length", headerLength.toString())
				.header("Content-Type", "application/octet-stream");
		}
		else {
			request.header("Content-Type", "application/json");
		}
		return ServerFixture.send(request, ServerFixture.operatorToken());
	}

	static String jsonRequest(List<Tensor> inputs) {
		StringBuilder json = new StringBuilder("{\"id\":\"r1\",\"inputs\":[");
		for (int i = 0; i < inputs.size(); i++) {
			Tensor input = inputs.get(i);
			json.append(i > 0 ? "," : "")
				.append("{\"name\":\"")
				.append(input.name())
				.append("\",\"datatype\":\"FP32\",\"shape\":")
				.append(input.shape())
				.append(",\"data\":")
				.append(java.util.Arrays.toString(input.toFloats()))
				.append('}');
		}
		return json.append("]}").toString();
	}

	static String binaryInput(Tensor input) {
		return "{\"name\":\"" + input.name() + "\",\"datatype\":\"FP32\",\"shape\":" + input.shape()
				+ ",\"parameters\":{\"binary_data_size\":" + input.data().remaining() + "}}";
	}

	static byte[] binaryBody(String header, List<Tensor> inputs) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(header.getBytes(StandardCharsets.UTF_8));
		for (Tensor input : inputs) {
			byte[] raw = new byte[input.data().remaining()];
			input.data().duplicate().get(raw);
			body.writeBytes(raw);
		}
		return body.toByteArray();
	}

	static String nested(Tensor tensor) {
		float[] values = tensor.toFloats();
		StringBuilder out = new StringBuilder();
		nest(out, tensor.shape().dims(), 0, values, new int[] { 0 });
		return out.toString();
	}

	private static void nest(StringBuilder out, long[] dims, int dim, float[] values, int[] next) {
		out.append('[');
		for (int i = 0; i < dims[dim]; i++) {
			out.append(i > 0 ? "," : "");
			if (dim == dims.length - 1) {
				out.append(values[next[0]++]);
			}
			else {
				nest(out, dims, dim + 1, values, next);
			}
		}
		out.append(']');
	}

	static float[] flatten(JsonNode nested) {
		List<Float> values = new java.util.ArrayList<>();
		collect(nested, values);
		float[] out = new float[values.size()];
		for (int i = 0; i < out.length; i++) {
			out[i] = values.get(i);
		}
		return out;
	}

	private static void collect(JsonNode node, List<Float> values) {
		if (node.isArray()) {
			node.forEach((child) -> collect(child, values));
		}
		else {
			values.add(node.floatValue());
		}
	}

	static void assertMatches(JsonNode output, Tensor expected) {
		assertThat(output.get("name").asString()).isEqualTo(expected.name());
		assertThat(output.get("datatype").asString()).isEqualTo("FP32");
		assertThat(output.get("shape").toString()).isEqualTo(expected.shape().toString().replace(" ", ""));
		assertClose(flatten(output.get("data")), expected.toFloats());
	}

	static void assertClose(float[] actual, float[] expected) {
		assertThat(actual).hasSameSizeAs(expected);
		for (int i = 0; i < actual.length; i++) {
			assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within((float) ReferenceData.TOLERANCE));
		}
	}

}
