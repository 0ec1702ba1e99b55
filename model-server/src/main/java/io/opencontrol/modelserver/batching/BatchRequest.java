package io.opencontrol.modelserver.batching;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.opencontrol.modelserver.tensor.Shape;
import io.opencontrol.modelserver.tensor.Tensor;

/**
 * One validated request waiting for a batch: its inputs in the model's input order, each
 * with the same number of rows, its priority and the moment ({@link System#nanoTime()})
 * after which it must not be computed. Completed exactly once, by a worker or by the
 * pool.
 */
public final class BatchRequest {

	private final List<Tensor> inputs;

	private final List<Shape> sampleShapes;

	private final Priority priority;

	private final long deadline;

	private final CompletableFuture<BatchResult> result = new CompletableFuture<>();

	private volatile long enqueued;

	public BatchRequest(List<Tensor> inputs, Priority priority, long deadline) {
		this.inputs = List.copyOf(inputs);
		this.sampleShapes = this.inputs.stream().map((input) -> input.shape().sample()).toList();
		this.priority = priority;
		this.deadline = deadline;
	}

	public List<Tensor> inputs() {
		return this.inputs;
	}

	public int rows() {
		return this.inputs.get(0).rows();
	}

	/** Requests stack into one batch only when every input's non-batch shape agrees. */
	boolean stacksWith(BatchRequest other) {
		return this.sampleShapes.equals(other.sampleShapes);
	}

	public Priority priority() {
		return this.priority;
	}

	public long deadline() {
		return this.deadline;
	}

	boolean expired(long now) {
		return now - this.deadline > 0;
	}

	void enqueuedAt(long now) {
		this.enqueued = now;
	}

	long enqueued() {
		return this.enqueued;
	}

	public CompletableFuture<BatchResult> result() {
		return this.result;
	}

}
