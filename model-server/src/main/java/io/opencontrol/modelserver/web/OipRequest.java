package io.opencontrol.modelserver.web;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.opencontrol.modelserver.batching.Priority;
import io.opencontrol.modelserver.tensor.Tensor;

/**
 * A parsed OIP inference request.
 *
 * @param id the client's request id, echoed
 * @param inputs the input tensors
 * @param outputs the outputs asked for (empty: all)
 * @param binaryOutputs outputs to return as binary data
 * @param allBinary whether every output is returned as binary data
 * @param priority {@code parameters.priority}: "high"/"normal", or Triton's 1 (highest)
 * @param timeout {@code parameters.timeout} in microseconds, as Triton reads it
 */
record OipRequest(String id, List<Tensor> inputs, Set<String> outputs, Set<String> binaryOutputs, boolean allBinary,
		Priority priority, Duration timeout) {

	boolean binary(String output) {
		return this.allBinary || this.binaryOutputs.contains(output);
	}

}
