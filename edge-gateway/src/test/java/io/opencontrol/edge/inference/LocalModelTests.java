package io.opencontrol.edge.inference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The committed demo model on the robot's runner, against the Python reference outputs.
 */
class LocalModelTests {

	static final Path MODEL = Path.of("..", "models", "world_model", "1", "model.onnx");

	static final Path REFERENCE = Path.of("..", "model-server", "demo", "reference");

	static final String METADATA = """
			{"name":"world_model","versions":["1"],"platform":"onnxruntime_onnx",
			 "inputs":[{"name":"joints","datatype":"FP32","shape":[-1,7]},
			           {"name":"image","datatype":"FP32","shape":[-1,3,64,64]}],
			 "outputs":[{"name":"action","datatype":"FP32","shape":[-1,7]},
			            {"name":"confidence","datatype":"FP32","shape":[-1,1]}]}""";

	@TempDir
	Path directory;

	@Test
	void answersMatchThePythonReference() throws Exception {
		try (LocalModel model = load()) {
			// Given in the other order than the signature's: inputs are matched by name.
			List<Tensor> outputs = model.predict(List.of(reference("image", 4, 3, 64, 64), reference("joints", 4, 7)));

			assertThat(outputs).extracting(Tensor::name).containsExactly("action", "confidence");
			assertClose(outputs.get(0), reference("action", 4, 7));
			assertClose(outputs.get(1), reference("confidence", 4, 1));
		}
	}

	@Test
	void aRequestThatDoesNotFitTheSignatureIsRefusedBeforeTheEngine() throws Exception {
		try (LocalModel model = load()) {
			Tensor joints = reference("joints", 4, 7);
			Tensor image = reference("image", 4, 3, 64, 64);
			Tensor fewerRows = new Tensor("image", new long[] { 2, 3, 64, 64 }, new float[2 * 3 * 64 * 64]);
			Tensor wrongWidth = new Tensor("joints", new long[] { 4, 6 }, new float[24]);
			for (List<Tensor> bad : List.of(List.of(joints), List.of(joints, fewerRows), List.of(wrongWidth, image),
					List.of(joints, new Tensor("depth", image.shape(), image.values())))) {
				assertThatExceptionOfType(InvalidPrediction.class).isThrownBy(() -> model.predict(bad));
			}
		}
	}

	private LocalModel load() throws IOException {
		Files.copy(MODEL, this.directory.resolve(LocalModel.FILE));
		Files.writeString(this.directory.resolve(LocalModel.METADATA), METADATA);
		return LocalModel.load(this.directory, "1", 2, JsonMapper.shared());
	}

	static Tensor reference(String name, long... shape) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(REFERENCE.resolve(name + ".bin")))
			.order(ByteOrder.LITTLE_ENDIAN);
		float[] values = new float[bytes.remaining() / 4];
		bytes.asFloatBuffer().get(values);
		return new Tensor(name, shape, values);
	}

	private static void assertClose(Tensor actual, Tensor expected) {
		assertThat(actual.shape()).containsExactly(expected.shape());
		for (int i = 0; i < expected.values().length; i++) {
			assertThat(actual.values()[i]).as("%s[%d]", actual.name(), i)
				.isCloseTo(expected.values()[i], within(1e-5f));
		}
	}

}
