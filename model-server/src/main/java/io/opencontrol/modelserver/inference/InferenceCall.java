package io.opencontrol.modelserver.inference;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.opencontrol.modelserver.batching.Priority;
import io.opencontrol.modelserver.tensor.Tensor;

/**
 * One parsed inference request, in either API's terms.
 *
 * @param model the model's name
 * @param version the version, or null for the highest served
 * @param inputs the input tensors in any order
 * @param outputs the outputs wanted; empty for all
 * @param priority queue priority
 * @param timeout how long the caller waits, or null for the model's default
 */
public record InferenceCall(String model, String version, List<Tensor> inputs, Set<String> outputs, Priority priority,
		Duration timeout) {

	public InferenceCall {
		inputs = List.copyOf(inputs);
		outputs = Set.copyOf(outputs);
	}

}
