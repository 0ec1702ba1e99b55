package io.opencontrol.modelserver.batching;

import java.util.List;

import io.opencontrol.modelserver.repository.ModelConfig;

/**
 * When a worker stops collecting and runs: at {@code maxRows}, or at the largest
 * preferred size even when more requests wait (as Triton does: a model's throughput often
 * peaks below its largest batch, and what waits goes to the next free worker); at a
 * smaller preferred size when nothing stackable is waiting; or when {@code maxDelayNanos}
 * have passed since the batch's first request was taken. The preferred sizes are
 * ascending, as {@code BatchingConfig} keeps them.
 */
record BatchPolicy(int maxRows, long maxDelayNanos, List<Integer> preferredSizes) {

	static BatchPolicy of(ModelConfig config) {
		return new BatchPolicy(config.maxBatchSize(), config.batching().maxQueueDelay().toNanos(),
				config.batching().preferredBatchSizes());
	}

	boolean preferred(int rows) {
		return this.preferredSizes.contains(rows);
	}

	/** Whether a batch of {@code rows} takes no more requests. */
	boolean full(int rows) {
		return rows >= this.maxRows
				|| (!this.preferredSizes.isEmpty() && rows >= this.preferredSizes.get(this.preferredSizes.size() - 1));
	}

}
