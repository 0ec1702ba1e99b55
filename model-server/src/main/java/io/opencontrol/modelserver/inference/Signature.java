package io.opencontrol.modelserver.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opencontrol.modelserver.repository.ModelConfig;
import io.opencontrol.modelserver.tensor.Shape;
import io.opencontrol.modelserver.tensor.Tensor;
import io.opencontrol.modelserver.tensor.TensorSpec;

/**
 * Checks a request's tensors against a model's declared inputs: names, datatypes, ranks,
 * fixed dimensions, one batch size across inputs, at most {@code max_batch_size} rows.
 * Done before a request is queued, so one bad request never fails a batch.
 */
public final class Signature {

	private Signature() {
	}

	/** The inputs in the model's order, or {@link InvalidInput} naming what is wrong. */
	public static List<Tensor> inputsInOrder(ModelConfig config, List<Tensor> inputs) {
		Map<String, Tensor> byName = new HashMap<>();
		for (Tensor input : inputs) {
			if (config.input(input.name()).isEmpty()) {
				throw new InvalidInput("unknown input '" + input.name() + "'; model " + config.name() + " expects "
						+ config.inputs().stream().map(TensorSpec::name).toList());
			}
			if (byName.put(input.name(), input) != null) {
				throw new InvalidInput("input '" + input.name() + "' is given twice");
			}
		}
		List<Tensor> ordered = new ArrayList<>();
		long rows = -1;
		for (TensorSpec spec : config.inputs()) {
			Tensor input = byName.get(spec.name());
			if (input == null) {
				throw new InvalidInput("input '" + spec.name() + "' is missing");
			}
			checkShape(spec, input.datatype(), input.shape(), config.maxBatchSize());
			if (rows >= 0 && input.rows() != rows) {
				throw new InvalidInput("inputs disagree on the batch size: '" + spec.name() + "' has " + input.rows()
						+ " rows, the others " + rows);
			}
			rows = input.rows();
			ordered.add(input);
		}
		return ordered;
	}

	/**
	 * Checks a declared type and shape; used by parsers before they allocate for the
	 * data.
	 */
	public static void checkShape(TensorSpec spec, io.opencontrol.modelserver.tensor.DataType datatype, Shape shape,
			int maxBatchSize) {
		if (datatype != spec.datatype()) {
			throw new InvalidInput(
					"input '" + spec.name() + "' is " + datatype + ", the model expects " + spec.datatype());
		}
		if (shape.rank() != spec.shape().rank()) {
			throw new InvalidInput("input '" + spec.name() + "' has shape " + shape + ", the model expects "
					+ spec.shape() + " (-1: any size, the first is the batch)");
		}
		if (shape.dim(0) < 1 || shape.dim(0) > maxBatchSize) {
			throw new InvalidInput("input '" + spec.name() + "' has " + shape.dim(0) + " rows; 1 to " + maxBatchSize
					+ " are accepted");
		}
		for (int i = 1; i < shape.rank(); i++) {
			long expected = spec.shape().dim(i);
			if ((expected > 0 && shape.dim(i) != expected) || shape.dim(i) < 1) {
				throw new InvalidInput("input '" + spec.name() + "' has shape " + shape + ", the model expects "
						+ spec.shape() + " (-1: any size, the first is the batch)");
			}
		}
	}

}
