package io.opencontrol.modelserver.batching;

import java.util.List;

import io.opencontrol.modelserver.tensor.Tensor;

/**
 * One request's share of a batch's outputs, in the model's output order, with where its
 * time went.
 *
 * @param outputs this request's rows of every output
 * @param queueNanos from enqueue to the start of its batch
 * @param computeNanos the batch's time in the engine
 * @param batchRows rows in the batch it ran in
 */
public record BatchResult(List<Tensor> outputs, long queueNanos, long computeNanos, int batchRows) {

}
