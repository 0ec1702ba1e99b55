package io.opencontrol.modelserver.repository;

import java.time.Duration;
import java.util.List;

/**
 * How requests to a model are batched: wait at most {@code maxQueueDelay} for more
 * requests after the first, dispatch at once when a preferred size is reached and nothing
 * else waits (at the largest preferred size, even when more wait), hold at most
 * {@code queueCapacity} requests, and answer a request that names no timeout within
 * {@code defaultTimeout}. The preferred sizes are kept ascending and distinct, whatever
 * order they were given in.
 */
public record BatchingConfig(Duration maxQueueDelay, List<Integer> preferredBatchSizes, int queueCapacity,
		Duration defaultTimeout) {

	public BatchingConfig {
		preferredBatchSizes = preferredBatchSizes.stream().sorted().distinct().toList();
	}

}
