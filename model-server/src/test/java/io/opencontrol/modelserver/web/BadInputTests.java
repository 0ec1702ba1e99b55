package io.opencontrol.modelserver.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.opencontrol.modelserver.ReferenceData;
import io.opencontrol.modelserver.ServerFixture;
import io.opencontrol.modelserver.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad requests are refused with a 4xx in the route's error shape ({@code {"error": …}} on
 * {@code /v2}, a problem detail on {@code /predict}), the server keeps answering good
 * requests, and a declared shape never sizes an allocation: a request claiming billions
 * of elements is refused from its header, before any data is read.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BadInputTests {

	private static final String INFER = "/v2/models/world_model/infer";

	private static final long MAX_REQUEST = 1024 * 1024;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ServerFixture.register(registry, ReferenceData.MODELS);
		registry.add("opencontrol.models.max-request-size", () -> MAX_REQUEST + "B");
	}

	@BeforeEach
	@AfterEach
	void goodRequestsAreAnswered() {
		ServerFixture.awaitReady(this.port);
		HttpResponse<byte[]> good = json(INFER, InferenceApiTests.jsonRequest(ReferenceData.inputs()));
		assertThat(good.statusCode()).isEqualTo(200);
	}

	static Stream<Arguments> badOipJson() {
		String joints = "{\"name\":\"joints\",\"datatype\":\"FP32\",\"shape\":[1,7],\"data\":[1,2,3,4,5,6,7]}";
		String image = "{\"name\":\"image\",\"datatype\":\"FP32\",\"shape\":[1,3,64,64],\"data\":" + zeros(3 * 64 * 64)
				+ "}";
		return Stream.of(Arguments.of("malformed JSON", "{\"inputs\":[" + joints, 400),
				Arguments.of("not an object", "[1,2,3]", 400), Arguments.of("empty body", "", 400),
				Arguments.of("no inputs", "{\"id\":\"x\"}", 400),
				Arguments.of("unsupported datatype", inputs(joints.replace("FP32", "FP16"), image), 400),
				Arguments.of("datatype the model does not take", inputs(joints.replace("FP32", "INT32"), image), 400),
				Arguments.of("unknown datatype", inputs(joints.replace("FP32", "FLOAT"), image), 400),
				Arguments.of("wrong shape", inputs(joints.replace("[1,7]", "[1,6]"), image), 400),
				Arguments.of("wrong rank", inputs(joints.replace("[1,7]", "[7]"), image), 400),
				Arguments.of("huge declared batch", inputs(joints.replace("[1,7]", "[1000000000,7]"), image), 400),
				Arguments.of("declared shape that overflows",
						inputs(joints.replace("[1,7]", "[9223372036854775807,7]"), image), 400),
				Arguments.of("negative dimension", inputs(joints.replace("[1,7]", "[-1,7]"), image), 400),
				Arguments.of("more rows than max_batch_size", inputs(joints.replace("[1,7]", "[33,7]"), image), 400),
				Arguments.of("too few elements", inputs(joints.replace(",7]}", "]}"), image), 400),
				Arguments.of("too many elements", inputs(joints.replace(",7]}", ",7,8]}"), image), 400),
				Arguments.of("non-numeric element", inputs(joints.replace(",7]}", ",\"seven\"]}"), image), 400),
				Arguments.of("boolean for FP32", inputs(joints.replace(",7]}", ",true]}"), image), 400),
				Arguments.of("rows disagree between inputs",
						inputs(joints.replace("[1,7]", "[2,7]").replace(",7]}", ",7,1,2,3,4,5,6,7]}"), image), 400),
				Arguments.of("unknown input", inputs(joints.replace("joints", "elbows"), image), 400),
				Arguments.of("missing input", inputs(joints), 400),
				Arguments.of("input given twice", inputs(joints, joints, image), 400),
				Arguments.of("unknown output",
						"{\"inputs\":[" + joints + "," + image + "],\"outputs\":[{\"name\":\"torque\"}]}", 400),
				Arguments.of("bad priority",
						"{\"inputs\":[" + joints + "," + image + "],\"parameters\":{\"priority\":\"urgent\"}}", 400),
				Arguments.of("negative timeout",
						"{\"inputs\":[" + joints + "," + image + "],\"parameters\":{\"timeout\":-5}}", 400));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badOipJson")
	void oipJsonIsRefusedWithTheOipErrorShape(String what, String body, int status) {
		HttpResponse<byte[]> response = json(INFER, body);

		assertThat(response.statusCode()).as(what).isEqualTo(status);
		assertOipError(response);
	}

	@Test
	void unknownModelsAre404() {
		HttpResponse<byte[]> response = json("/v2/models/nope/infer",
				InferenceApiTests.jsonRequest(ReferenceData.inputs()));
		assertThat(response.statusCode()).isEqualTo(404);
		assertOipError(response);
		response = json("/v2/models/world_model/versions/7/infer",
				InferenceApiTests.jsonRequest(ReferenceData.inputs()));
		assertThat(response.statusCode()).isEqualTo(404);
		assertOipError(response);
	}

	static Stream<Arguments> badBinary() {
		List<Tensor> inputs = ReferenceData.inputs();
		String header = "{\"inputs\":[" + InferenceApiTests.binaryInput(inputs.get(0)) + ","
				+ InferenceApiTests.binaryInput(inputs.get(1)) + "]}";
		byte[] body = InferenceApiTests.binaryBody(header, inputs);
		int headerLength = header.getBytes(StandardCharsets.UTF_8).length;
		String wrongSize = header.replaceFirst("\"binary_data_size\":\\d+", "\"binary_data_size\":100");
		byte[] wrongSizeBody = InferenceApiTests.binaryBody(wrongSize, inputs);
		return Stream.of(Arguments.of("truncated binary data", Arrays.copyOf(body, body.length - 100), headerLength),
				Arguments.of("header length beyond the body", body, body.length + 10),
				Arguments.of("header length cutting the JSON", body, headerLength - 5),
				Arguments.of("negative header length", body, -1),
				Arguments.of("binary size disagreeing with the shape", wrongSizeBody,
						wrongSize.getBytes(StandardCharsets.UTF_8).length),
				Arguments.of("bytes after the last tensor", Arrays.copyOf(body, body.length + 8), headerLength));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badBinary")
	void badBinaryBodiesAreRefused(String what, byte[] body, int headerLength) {
		HttpResponse<byte[]> response = ServerFixture.send(ServerFixture.post(this.port, INFER, body)
			.header("Inference-Header-Content-Length", Integer.toString(headerLength))
			.header("Content-Type", "application/octet-stream"), ServerFixture.operatorToken());

		assertThat(response.statusCode()).as(what).isEqualTo(400);
		assertOipError(response);
	}

	@Test
	void headerLengthThatIsNotANumberIsRefused() {
		HttpResponse<byte[]> response = ServerFixture.send(ServerFixture.post(this.port, INFER, new byte[10])
			.header("Inference-Header-Content-Length", "ten")
			.header("Content-Type", "application/octet-stream"), ServerFixture.operatorToken());
		assertThat(response.statusCode()).isEqualTo(400);
		assertOipError(response);
	}

	@Test
	void oversizedDeclaredBodiesAreRefusedBeforeReading() {
		HttpResponse<byte[]> response = json(INFER, "{\"inputs\":[" + "0,".repeat((int) MAX_REQUEST) + "0]}");
		assertThat(response.statusCode()).isEqualTo(413);
		assertOipError(response);
	}

	@Test
	void oversizedChunkedBodiesAreCutOff() throws IOException {
		// No Content-Length: the limit is enforced while reading, on the bytes
		// themselves.
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + INFER + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
					+ ServerFixture.operatorToken()
					+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			byte[] chunk = ("{\"inputs\":[{\"name\":\"image\",\"datatype\":\"FP32\",\"shape\":[1,3,64,64],\"data\":["
					+ "0,".repeat(40_000))
				.getBytes(StandardCharsets.US_ASCII);
			try {
				for (long sent = 0; sent <= 2 * MAX_REQUEST; sent += chunk.length) {
					out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
					out.write(chunk);
					out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
					chunk = "0,".repeat(40_000).getBytes(StandardCharsets.US_ASCII);
				}
				out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			catch (IOException ex) {
				// The server may close the connection once it has answered.
			}
			InputStream in = socket.getInputStream();
			String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
			assertThat(statusLine).startsWith("HTTP/1.1 4");
			assertThat(statusLine).isIn("HTTP/1.1 413", "HTTP/1.1 400");
		}
	}

	static Stream<Arguments> badPredict() {
		Tensor joints = ReferenceData.rows(ReferenceData.tensor("joints"), 0, 1);
		Tensor image = ReferenceData.rows(ReferenceData.tensor("image"), 0, 1);
		String good = "{\"model\":\"world_model\",\"inputs\":{\"joints\":" + InferenceApiTests.nested(joints)
				+ ",\"image\":" + InferenceApiTests.nested(image) + "}}";
		return Stream.of(Arguments.of("malformed JSON", good.substring(0, 40), 400),
				Arguments.of("unknown model", good.replace("world_model", "nope"), 404),
				Arguments.of("no model", good.replace("\"model\":\"world_model\",", ""), 400),
				Arguments.of("ragged array", good.replaceFirst("\\[\\[", "[[1],["), 400),
				Arguments.of("string element", good.replaceFirst("\\[\\[", "[[\"a\","), 400),
				Arguments.of("unknown input", good.replace("\"joints\"", "\"elbows\""), 400),
				Arguments.of("bad priority", good.replace("}}", "},\"priority\":\"urgent\"}"), 400),
				Arguments.of("negative timeout", good.replace("}}", "},\"timeout_ms\":-1}"), 400),
				Arguments.of("unknown field", good.replace("}}", "},\"colour\":\"red\"}"), 400));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badPredict")
	void badPredictRequestsGetProblemDetails(String what, String body, int status) {
		HttpResponse<byte[]> response = json("/predict", body);

		assertThat(response.statusCode()).as(what).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = InferenceApiTests.JSON.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/v2/models/world%2Fmodel/infer", "/v2/models/world_model%00/infer", "/predict%2F" })
	void pathsTheFirewallRefusesGetProblemDetails(String path) {
		// Refused before any handler runs; they must still say why, in the usual shape.
		HttpResponse<byte[]> response = json(path, InferenceApiTests.jsonRequest(ReferenceData.inputs()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = InferenceApiTests.JSON.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("instance").asString()).isEqualTo(path);
	}

	private static void assertOipError(HttpResponse<byte[]> response) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode error = InferenceApiTests.JSON.readTree(response.body());
		assertThat(error.get("error").asString()).isNotBlank();
		assertThat(error.size()).isEqualTo(1);
	}

	private HttpResponse<byte[]> json(String path, String body) {
		return ServerFixture.send(ServerFixture.post(this.port, path, body.getBytes(StandardCharsets.UTF_8))
			.header("Content-Type", "application/json"), ServerFixture.operatorToken());
	}

	private static String inputs(String... inputs) {
		return "{\"inputs\":[" + String.join(",", inputs) + "]}";
	}

	private static String zeros(int count) {
		return "[" + "0,".repeat(count - 1) + "0]";
	}

}
