package io.opencontrol.modelserver.batching;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.opencontrol.modelserver.engine.LoadedModel;
import io.opencontrol.modelserver.engine.ModelLoadFailed;
import io.opencontrol.modelserver.engine.ModelRunner;
import io.opencontrol.modelserver.metrics.InferenceMetrics;
import io.opencontrol.modelserver.repository.ModelConfig;
import io.opencontrol.modelserver.tensor.Shape;
import io.opencontrol.modelserver.tensor.Tensor;
import io.opencontrol.modelserver.tensor.TensorSpec;

/**
 * Serves one model version: a bounded priority queue and {@code instances} worker
 * threads, each with its own engine handle. Starting warms every worker; closing refuses
 * new requests, lets the workers answer everything already queued, then releases the
 * model.
 */
public final class ModelPool {

	/**
	 * Answers queued requests expired at their deadline, so a caller hears of it in time
	 * without waiting on the future itself (as an event loop could not). One thread for
	 * every pool: it only moves requests out of queues.
	 */
	private static final ScheduledThreadPoolExecutor EXPIRY = expiryTimer();

	private final PoolIdentity identity;

	private final LoadedModel model;

	private final RequestQueue queue;

	private final List<Thread> workers = new ArrayList<>();

	private final InferenceMetrics metrics;

	public ModelPool(long version, LoadedModel model, InferenceMetrics metrics) {
		this.identity = new PoolIdentity(model.config().name(), version);
		this.model = model;
		this.queue = new RequestQueue(model.config().batching().queueCapacity());
		this.metrics = metrics;
	}

	public ModelConfig config() {
		return this.model.config();
	}

	public long version() {
		return this.identity.version();
	}

	/**
	 * Starts the workers and returns once each has run the warm-up batches.
	 * @throws ModelLoadFailed if a worker failed to warm up
	 */
	public void start() {
		ModelConfig config = this.model.config();
		CountDownLatch warm = new CountDownLatch(config.instances());
		BatchPolicy policy = BatchPolicy.of(config);
		for (int i = 0; i < config.instances(); i++) {
			ModelRunner runner = this.model.newRunner();
			BatchWorker worker = new BatchWorker(this.identity, this.queue, policy, runner, this.metrics,
					() -> warmUp(runner, config), warm);
			Thread thread = new Thread(worker, "model-" + this.identity.model() + "-v" + version() + "-worker-" + i);
			this.workers.add(thread);
			thread.start();
		}
		try {
			warm.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close(Duration.ZERO);
			throw new ModelLoadFailed(this.identity.model(), "interrupted while warming up");
		}
		if (this.workers.stream().anyMatch((worker) -> !worker.isAlive())) {
			close(Duration.ZERO);
			throw new ModelLoadFailed(this.identity.model(), "version " + version() + " failed to warm up (see log)");
		}
		this.metrics.queueDepth(this.identity.model(), version(), this.queue::size);
	}

	/**
	 * Queues a validated request; never blocks. If no worker has taken it by its
	 * deadline, it is withdrawn and answered {@link DeadlineExpired}.
	 * @throws QueueFull when the queue is at capacity
	 * @throws PoolClosed when this version no longer takes requests
	 */
	public BatchRequest submit(BatchRequest request) {
		switch (this.queue.offer(request)) {
			case FULL -> throw new QueueFull(this.identity.model(), version(), config().batching().queueCapacity());
			case CLOSED -> throw this.identity.closed();
			case QUEUED -> {
			}
		}
		ScheduledFuture<?> expiry = EXPIRY.schedule(() -> withdraw(request), request.deadline() - System.nanoTime(),
				TimeUnit.NANOSECONDS);
		request.result().whenComplete((result, failure) -> expiry.cancel(false));
		return request;
	}

	private static ScheduledThreadPoolExecutor expiryTimer() {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "model-request-expiry");
			thread.setDaemon(true);
			return thread;
		});
		// answered requests leave the timer at once instead of at their deadline
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}

	/**
	 * Takes back a request whose caller stopped waiting: if no worker has taken it yet it
	 * is answered as expired and will not be computed.
	 * @return whether it was still queued
	 */
	public boolean withdraw(BatchRequest request) {
		if (this.queue.remove(request)) {
			request.result().completeExceptionally(this.identity.expired());
			return true;
		}
		return false;
	}

	public int queueDepth() {
		return this.queue.size();
	}

	/**
	 * Stops taking requests, waits up to {@code grace} for the workers to answer what is
	 * queued and in flight, then fails whatever is left and releases the model.
	 */
	public void close(Duration grace) {
		this.queue.close();
		long deadline = System.nanoTime() + grace.toNanos();
		for (Thread worker : this.workers) {
			join(worker, deadline);
		}
		for (Thread worker : this.workers) {
			worker.interrupt();
			join(worker, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
		}
		this.queue.clear().forEach((request) -> request.result().completeExceptionally(this.identity.closed()));
		this.metrics.forget(this.identity.model(), version());
		this.model.close();
	}

	private static void join(Thread worker, long deadline) {
		long wait = deadline - System.nanoTime();
		try {
			if (wait > 0) {
				worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Runs zero-filled batches of every warm-up size once, so no size meets a cold engine
	 * under load.
	 */
	private static void warmUp(ModelRunner runner, ModelConfig config) {
		for (int rows : config.warmupBatchSizes()) {
			List<Tensor> inputs = config.inputs().stream().map((spec) -> zeros(spec, rows)).toList();
			runner.run(inputs);
			runner.run(inputs);
		}
	}

	private static Tensor zeros(TensorSpec spec, int rows) {
		long[] dims = spec.shape().dims();
		dims[0] = rows;
		for (int i = 1; i < dims.length; i++) {
			dims[i] = Math.max(1, dims[i]);
		}
		Shape shape = Shape.of(dims);
		return new Tensor(spec.name(), spec.datatype(), shape,
				ByteBuffer.allocateDirect((int) (shape.elements() * spec.datatype().bytes())));
	}

	@Override
	public String toString() {
		return this.identity.toString();
	}

}
