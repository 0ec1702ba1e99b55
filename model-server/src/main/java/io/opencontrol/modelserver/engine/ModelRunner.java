package io.opencontrol.modelserver.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.opencontrol.modelserver.repository.ModelConfig;
import io.opencontrol.modelserver.tensor.DataType;
import io.opencontrol.modelserver.tensor.Shape;
import io.opencontrol.modelserver.tensor.Tensor;
import io.opencontrol.modelserver.tensor.TensorSpec;

/**
 * One worker's handle on a model: runs a stacked batch and returns the outputs in the
 * config's order, copied out of native memory before the batch's arrays are released. Not
 * thread-safe; one per worker thread.
 */
public final class ModelRunner implements AutoCloseable {

	private final ModelConfig config;

	private final ZooModel<NDList, NDList> model;

	private final Predictor<NDList, NDList> predictor;

	ModelRunner(ModelConfig config, ZooModel<NDList, NDList> model) {
		this.config = config;
		this.model = model;
		this.predictor = model.newPredictor();
	}

	/**
	 * Runs one batch. Inputs are in the config's order, each with the batch first; its
	 * data may be a direct buffer, which the engine then reads without a copy.
	 */
	public List<Tensor> run(List<Tensor> inputs) {
		try (NDManager manager = this.model.getNDManager().newSubManager()) {
			NDList arrays = new NDList(inputs.size());
			for (Tensor input : inputs) {
				NDArray array = manager.create(input.data(), new ai.djl.ndarray.types.Shape(input.shape().dims()),
						djlType(input.datatype()));
				array.setName(input.name());
				arrays.add(array);
			}
			NDList outputs = this.predictor.predict(arrays);
			return outputs(outputs);
		}
		catch (TranslateException ex) {
			throw new InferenceFailed(this.config.name(), ex);
		}
	}

	private List<Tensor> outputs(NDList outputs) {
		List<TensorSpec> specs = this.config.outputs();
		if (outputs.size() < specs.size()) {
			throw new InferenceFailed(this.config.name(),
					"the model returned " + outputs.size() + " outputs, its config declares " + specs.size());
		}
		return java.util.stream.IntStream.range(0, specs.size())
			.mapToObj((i) -> output(specs.get(i), outputs.get(named(outputs, specs.get(i).name(), i))))
			.toList();
	}

	/** ONNX Runtime names its outputs; TorchScript returns them by position. */
	private static int named(NDList outputs, String name, int position) {
		for (int i = 0; i < outputs.size(); i++) {
			if (name.equals(outputs.get(i).getName())) {
				return i;
			}
		}
		return position;
	}

	private Tensor output(TensorSpec spec, NDArray array) {
		DataType type = ourType(array.getDataType());
		if (type != spec.datatype()) {
			throw new InferenceFailed(this.config.name(),
					"output " + spec.name() + " is " + array.getDataType() + ", its config says " + spec.datatype());
		}
		ByteBuffer all = array.toByteBuffer();
		ByteBuffer copy = ByteBuffer.allocate(all.remaining()).order(ByteOrder.LITTLE_ENDIAN);
		copy.put(all).flip();
		return new Tensor(spec.name(), type, Shape.of(array.getShape().getShape()), copy);
	}

	static ai.djl.ndarray.types.DataType djlType(DataType type) {
		return switch (type) {
			case FP32 -> ai.djl.ndarray.types.DataType.FLOAT32;
			case FP64 -> ai.djl.ndarray.types.DataType.FLOAT64;
			case INT32 -> ai.djl.ndarray.types.DataType.INT32;
			case INT64 -> ai.djl.ndarray.types.DataType.INT64;
			case BOOL -> ai.djl.ndarray.types.DataType.BOOLEAN;
		};
	}

	private DataType ourType(ai.djl.ndarray.types.DataType type) {
		return switch (type) {
			case FLOAT32 -> DataType.FP32;
			case FLOAT64 -> DataType.FP64;
			case INT32 -> DataType.INT32;
			case INT64 -> DataType.INT64;
			case BOOLEAN -> DataType.BOOL;
			default -> throw new InferenceFailed(this.config.name(), "the model returned an unsupported type " + type);
		};
	}

	@Override
	public void close() {
		this.predictor.close();
	}

}
