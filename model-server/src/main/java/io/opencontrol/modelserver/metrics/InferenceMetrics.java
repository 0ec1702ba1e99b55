package io.opencontrol.modelserver.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The model server's meters, tagged by model and version. Latency histograms have fixed
 * buckets from 0.5 ms to 10 s, fine enough that p95/p99 of a 5–50 ms service read true.
 */
@Component
public class InferenceMetrics {

	private static final Duration[] LATENCY_BUCKETS = { Duration.ofMillis(1), Duration.ofMillis(2),
			Duration.ofMillis(3), Duration.ofMillis(5), Duration.ofMillis(7), Duration.ofMillis(10),
			Duration.ofMillis(15), Duration.ofMillis(20), Duration.ofMillis(30), Duration.ofMillis(40),
			Duration.ofMillis(50), Duration.ofMillis(75), Duration.ofMillis(100), Duration.ofMillis(150),
			Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
			Duration.ofSeconds(5), Duration.ofSeconds(10) };

	private final MeterRegistry registry;

	/**
	 * Meters already registered, by what names them: a builder's registration sorts tags
	 * and merges distribution settings on every call, a measurable share of a request.
	 */
	private final Map<MeterKey, Meter> meters = new ConcurrentHashMap<>();

	public InferenceMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Time in the engine per batch (the original design's inference-time histogram). */
	public void batchComputed(String model, long version, int rows, long computeNanos) {
		latency("opencontrol.inference.time", "Time a batch spends in the engine", model, version).record(computeNanos,
				TimeUnit.NANOSECONDS);
		String tag = Long.toString(version);
		DistributionSummary batchSize = (DistributionSummary) this.meters.computeIfAbsent(
				new MeterKey("opencontrol.batch.size", model, tag, ""),
				(key) -> DistributionSummary.builder(key.name())
					.description("Rows per batch run by the engine")
					.tags("model", model, "version", tag)
					.serviceLevelObjectives(1, 2, 4, 8, 16, 24, 32, 48, 64, 128, 256)
					.register(this.registry));
		batchSize.record(rows);
	}

	public void queued(String model, long version, long queueNanos) {
		latency("opencontrol.queue.time", "Time a request waits before its batch starts", model, version)
			.record(queueNanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * One answered (or refused) request; outcomes: ok, invalid, queue_full, expired,
	 * failed, unavailable.
	 */
	public void request(String model, String version, String outcome, long totalNanos) {
		Counter requests = (Counter) this.meters.computeIfAbsent(
				new MeterKey("opencontrol.requests", model, version, outcome),
				(key) -> Counter.builder(key.name())
					.description("Inference requests by outcome")
					.tags("model", model, "version", version, "outcome", outcome)
					.register(this.registry));
		requests.increment();
		if (outcome.equals("ok")) {
			latency("opencontrol.request.time", "Time from a request's arrival to its answer", model, version)
				.record(totalNanos, TimeUnit.NANOSECONDS);
		}
	}

	public void queueDepth(String model, long version, Supplier<Number> depth) {
		Gauge.builder("opencontrol.queue.depth", depth)
			.description("Requests waiting for a batch")
			.tags("model", model, "version", Long.toString(version))
			.register(this.registry);
	}

	public void forget(String model, long version) {
		String tag = Long.toString(version);
		this.registry.getMeters()
			.stream()
			.filter((meter) -> model.equals(meter.getId().getTag("model"))
					&& tag.equals(meter.getId().getTag("version"))
					&& meter.getId().getName().equals("opencontrol.queue.depth"))
			.forEach(this.registry::remove);
	}

	private Timer latency(String name, String description, String model, Object version) {
		String tag = version.toString();
		return (Timer) this.meters.computeIfAbsent(new MeterKey(name, model, tag, ""),
				(key) -> Timer.builder(name)
					.description(description)
					.tags("model", model, "version", tag)
					.serviceLevelObjectives(LATENCY_BUCKETS)
					.register(this.registry));
	}

	private record MeterKey(String name, String model, String version, String outcome) {
	}

}
