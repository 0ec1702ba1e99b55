package io.opencontrol.modelserver.batching;

import java.util.List;

import io.opencontrol.modelserver.repository.ModelConfig;

/**
 * When a worker stops collecting and runs: at {@code maxRows}; at a preferred size when
 * nothing stackable is waiting; or when {@code maxDelayNanos} have passed since the
 * batch's first request was taken.
 */
record BatchPolicy(int maxRows, long maxDelayNanos, List<Integer> preferredSizes) {

	static BatchPolicy of(ModelConfig config) {
		return new BatchPolicy(config.maxBatchSize(), config.batching().maxQueueDelay().toNanos(),
				config.batching().preferredBatchSizes());
	}

	boolean preferred(int rows) {
		return this.preferredSizes.contains(rows);
	}

}
