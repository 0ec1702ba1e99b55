package io.opencontrol.modelserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;

import io.opencontrol.modelserver.repository.ModelRepository;
import io.opencontrol.modelserver.repository.RepositoryEntry;
import io.opencontrol.modelserver.repository.RepositoryProperties;
import org.springframework.util.unit.DataSize;

import io.opencontrol.modelserver.tensor.DataType;
import io.opencontrol.modelserver.tensor.Shape;
import io.opencontrol.modelserver.tensor.Tensor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo model's committed reference inputs and outputs, computed in Python by
 * {@code demo/make_world_model.py}, and the committed model repository.
 */
public final class ReferenceData {

	/** The repository the local stack serves (the repository root's {@code models/}). */
	public static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();

	private static final Path DIRECTORY = Path.of("demo", "reference");

	public static final double TOLERANCE = 1e-5;

	private ReferenceData() {
	}

	public static Tensor tensor(String name) {
		try {
			JsonNode shapes = JsonMapper.shared().readTree(Files.readString(DIRECTORY.resolve("shapes.json")));
			long[] shape = new long[shapes.get("shapes").get(name).size()];
			Arrays.setAll(shape, (i) -> shapes.get("shapes").get(name).get(i).asLong());
			ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(DIRECTORY.resolve(name + ".bin")))
				.order(ByteOrder.LITTLE_ENDIAN);
			return new Tensor(name, DataType.FP32, Shape.of(shape), data);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static List<Tensor> inputs() {
		return List.of(tensor("joints"), tensor("image"));
	}

	/** Rows {@code from} (inclusive) to {@code to} (exclusive) of a reference tensor. */
	public static Tensor rows(Tensor tensor, int from, int to) {
		int rowBytes = tensor.data().remaining() / tensor.rows();
		ByteBuffer slice = tensor.data().duplicate();
		slice.position(slice.position() + from * rowBytes).limit(slice.position() + (to - from) * rowBytes);
		return new Tensor(tensor.name(), tensor.datatype(), tensor.shape().withRows(to - from), slice.slice());
	}

	/** The committed world model as the repository reads it. */
	public static RepositoryEntry demoModel() {
		return new ModelRepository(new RepositoryProperties(MODELS, Duration.ofSeconds(5), DataSize.ofMegabytes(64),
				Duration.ofSeconds(30), null))
			.find("world_model")
			.orElseThrow();
	}

	public static int samples() {
		return tensor("joints").rows();
	}

}
