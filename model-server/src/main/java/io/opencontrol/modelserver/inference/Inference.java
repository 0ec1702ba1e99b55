package io.opencontrol.modelserver.inference;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.opencontrol.modelserver.batching.BatchRequest;
import io.opencontrol.modelserver.batching.DeadlineExpired;
import io.opencontrol.modelserver.batching.ModelPool;
import io.opencontrol.modelserver.batching.PoolClosed;
import io.opencontrol.modelserver.batching.QueueFull;
import io.opencontrol.modelserver.metrics.InferenceMetrics;
import io.opencontrol.modelserver.repository.ModelConfig;
import io.opencontrol.modelserver.serving.ModelNotFound;
import io.opencontrol.modelserver.serving.ModelNotReady;
import io.opencontrol.modelserver.serving.ModelRegistry;
import io.opencontrol.modelserver.tensor.Tensor;

import org.springframework.stereotype.Component;

/**
 * Runs one inference call: resolves the version, validates and queues it; its answer
 * comes from a worker, or from the pool when the call's deadline passes first (an expired
 * request is never computed). A call that names no version and meets a version being
 * replaced moves to the new one.
 */
@Component
public class Inference {

	private static final int ATTEMPTS = 3;

	private final ModelRegistry registry;

	private final InferenceMetrics metrics;

	public Inference(ModelRegistry registry, InferenceMetrics metrics) {
		this.registry = registry;
		this.metrics = metrics;
	}

	/**
	 * The served signature a request must fit, for parsers that bound their work by it.
	 */
	public ModelConfig signature(String model, String version) {
		return this.registry.resolve(model, version).config();
	}

	/**
	 * The most elements any input of any served model takes: a bound for data read before
	 * its model is known.
	 */
	public long largestInput() {
		return this.registry.all()
			.values()
			.stream()
			.flatMap((versions) -> versions.values().stream())
			.flatMap((pool) -> pool.config()
				.inputs()
				.stream()
				.map((input) -> input.maxElements(pool.config().maxBatchSize())))
			.mapToLong(Long::longValue)
			.max()
			.orElse(0);
	}

	/**
	 * Validates and queues one call without blocking. The answer completes with the
	 * outputs, or with the named failure: {@link InvalidInput}, {@link QueueFull},
	 * {@link DeadlineExpired}, {@link PoolClosed}, {@link ModelNotFound} or
	 * {@link ModelNotReady}.
	 */
	public CompletableFuture<InferenceAnswer> submit(InferenceCall call) {
		long start = System.nanoTime();
		CompletableFuture<InferenceAnswer> answer;
		try {
			answer = queue(call, start);
		}
		catch (RuntimeException ex) {
			answer = CompletableFuture.failedFuture(ex);
		}
		return answer.whenComplete((done, failure) -> this.metrics.request(call.model(),
				(done != null) ? Long.toString(done.version()) : (call.version() != null) ? call.version() : "latest",
				outcome(failure), System.nanoTime() - start));
	}

	private static String outcome(Throwable failure) {
		if (failure == null) {
			return "ok";
		}
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		if (cause instanceof InvalidInput) {
			return "invalid";
		}
		if (cause instanceof QueueFull) {
			return "queue_full";
		}
		if (cause instanceof DeadlineExpired) {
			return "expired";
		}
		if (cause instanceof PoolClosed || cause instanceof ModelNotFound || cause instanceof ModelNotReady) {
			return "unavailable";
		}
		return "failed";
	}

	private CompletableFuture<InferenceAnswer> queue(InferenceCall call, long start) {
		for (int attempt = 1;; attempt++) {
			ModelPool pool = this.registry.resolve(call.model(), call.version());
			ModelConfig config = pool.config();
			List<Tensor> inputs = Signature.inputsInOrder(config, call.inputs());
			for (String output : call.outputs()) {
				if (config.output(output).isEmpty()) {
					throw new InvalidInput("unknown output '" + output + "'");
				}
			}
			Duration timeout = (call.timeout() != null) ? call.timeout() : config.batching().defaultTimeout();
			BatchRequest request;
			try {
				request = pool.submit(new BatchRequest(inputs, call.priority(), start + timeout.toNanos()));
			}
			catch (PoolClosed ex) {
				if (call.version() != null || attempt == ATTEMPTS) {
					throw ex;
				}
				continue;
			}
			return request.result().thenApply((result) -> {
				List<Tensor> outputs = result.outputs()
					.stream()
					.filter((output) -> call.outputs().isEmpty() || call.outputs().contains(output.name()))
					.toList();
				return new InferenceAnswer(config.name(), pool.version(), outputs, System.nanoTime() - start,
						result.queueNanos(), result.batchRows());
			});
		}
	}

}
