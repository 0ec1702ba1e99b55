package io.opencontrol.modelserver.inference;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.opencontrol.modelserver.batching.BatchRequest;
import io.opencontrol.modelserver.batching.BatchResult;
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
 * Runs one inference call: resolves the version, validates, queues, waits until the
 * call's deadline. A caller that stops waiting withdraws its request, so an expired
 * request is never computed; a call that names no version and meets a version being
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

	public InferenceAnswer infer(InferenceCall call) {
		long start = System.nanoTime();
		String versionTag = (call.version() != null) ? call.version() : "latest";
		String outcome = "failed";
		try {
			InferenceAnswer answer = attempt(call, start);
			versionTag = Long.toString(answer.version());
			outcome = "ok";
			return answer;
		}
		catch (InvalidInput ex) {
			outcome = "invalid";
			throw ex;
		}
		catch (QueueFull ex) {
			outcome = "queue_full";
			throw ex;
		}
		catch (DeadlineExpired ex) {
			outcome = "expired";
			throw ex;
		}
		catch (PoolClosed | ModelNotFound | ModelNotReady ex) {
			outcome = "unavailable";
			throw ex;
		}
		finally {
			this.metrics.request(call.model(), versionTag, outcome, System.nanoTime() - start);
		}
	}

	private InferenceAnswer attempt(InferenceCall call, long start) {
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
			long deadline = start + timeout.toNanos();
			BatchRequest request;
			try {
				request = pool.submit(new BatchRequest(inputs, call.priority(), deadline));
			}
			catch (PoolClosed ex) {
				if (call.version() != null || attempt == ATTEMPTS) {
					throw ex;
				}
				continue;
			}
			BatchResult result = await(pool, request, deadline);
			List<Tensor> outputs = result.outputs()
				.stream()
				.filter((output) -> call.outputs().isEmpty() || call.outputs().contains(output.name()))
				.toList();
			return new InferenceAnswer(config.name(), pool.version(), outputs, System.nanoTime() - start,
					result.queueNanos(), result.batchRows());
		}
	}

	private static BatchResult await(ModelPool pool, BatchRequest request, long deadline) {
		try {
			try {
				return request.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				pool.withdraw(request);
				// Either withdrawn (answers DeadlineExpired at once) or a worker has it:
				// its answer is close.
				return request.result().get();
			}
		}
		catch (ExecutionException ex) {
			throw unwrap(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			pool.withdraw(request);
			throw new CompletionException(ex);
		}
	}

	private static RuntimeException unwrap(Throwable cause) {
		return (cause instanceof RuntimeException runtime) ? runtime : new CompletionException(cause);
	}

}
