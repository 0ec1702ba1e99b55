package io.opencontrol.gateway.limits;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller: {@code burst} tokens, refilled at
 * {@code requestsPerSecond}. Keeps at most {@code trackedCallers} buckets, forgetting the
 * least recently used, so a flood of distinct callers cannot exhaust memory (a forgotten
 * caller simply starts with a full bucket).
 */
class TokenBuckets {

	private final double refillPerNano;

	private final double capacity;

	private final LongSupplier nanoTime;

	private final Map<String, Bucket> buckets;

	TokenBuckets(LimitsProperties limits, LongSupplier nanoTime) {
		this.refillPerNano = limits.requestsPerSecond() / 1e9;
		this.capacity = limits.burst();
		this.nanoTime = nanoTime;
		int tracked = limits.trackedCallers();
		this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > tracked;
			}
		};
	}

	/**
	 * Takes one token for the caller; empty when allowed, else how long until a token is
	 * free.
	 */
	synchronized Duration take(String caller) {
		long now = this.nanoTime.getAsLong();
		Bucket bucket = this.buckets.computeIfAbsent(caller, (key) -> new Bucket(this.capacity, now));
		bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.updatedAt) * this.refillPerNano);
		bucket.updatedAt = now;
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return Duration.ZERO;
		}
		return Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / this.refillPerNano));
	}

	private static final class Bucket {

		private double tokens;

		private long updatedAt;

		private Bucket(double tokens, long updatedAt) {
			this.tokens = tokens;
			this.updatedAt = updatedAt;
		}

	}

}
