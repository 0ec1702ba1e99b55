package io.opencontrol.modelserver.inference;

import java.util.List;

import io.opencontrol.modelserver.tensor.Tensor;

/**
 * A computed answer: the outputs asked for, which version computed them and where the
 * time went.
 */
public record InferenceAnswer(String model, long version, List<Tensor> outputs, long totalNanos, long queueNanos,
		int batchRows) {

}
