package io.opencontrol.modelserver.batching;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.opencontrol.modelserver.engine.ModelRunner;
import io.opencontrol.modelserver.metrics.InferenceMetrics;
import io.opencontrol.modelserver.tensor.Tensor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker instance: collects a batch from the queue, stacks it into its own staging
 * buffers, runs it and hands every request its rows. A failing batch fails only its own
 * requests and the worker goes on; interruption means shut down; no request it took is
 * ever left without an answer.
 */
final class BatchWorker implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(BatchWorker.class);

	private final PoolIdentity pool;

	private final RequestQueue queue;

	private final BatchPolicy policy;

	private final ModelRunner runner;

	private final InferenceMetrics metrics;

	private final Runnable warmup;

	private final CountDownLatch warm;

	private ByteBuffer[] staging = new ByteBuffer[0];

	BatchWorker(PoolIdentity pool, RequestQueue queue, BatchPolicy policy, ModelRunner runner, InferenceMetrics metrics,
			Runnable warmup, CountDownLatch warm) {
		this.pool = pool;
		this.queue = queue;
		this.policy = policy;
		this.runner = runner;
		this.metrics = metrics;
		this.warmup = warmup;
		this.warm = warm;
	}

	@Override
	public void run() {
		try {
			this.warmup.run();
		}
		catch (RuntimeException ex) {
			logger.error("{} failed to warm up", this.pool, ex);
			this.runner.close();
			return;
		}
		finally {
			this.warm.countDown();
		}
		List<BatchRequest> batch = new ArrayList<>();
		try {
			while (collect(batch)) {
				compute(batch);
				batch.clear();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			batch.forEach((request) -> request.result().completeExceptionally(this.pool.closed()));
			this.runner.close();
		}
	}

	/** Fills {@code batch}; false when the queue is closed and drained. */
	private boolean collect(List<BatchRequest> batch) throws InterruptedException {
		BatchRequest first = null;
		while (first == null) {
			BatchRequest taken = this.queue.take();
			if (taken == null) {
				return false;
			}
			first = live(taken);
		}
		batch.add(first);
		int rows = first.rows();
		long deadline = System.nanoTime() + this.policy.maxDelayNanos();
		while (!this.policy.full(rows)) {
			BatchRequest next = this.queue.pollStackable(first, this.policy.maxRows() - rows, 0);
			if (next == null) {
				if (this.policy.preferred(rows)) {
					break;
				}
				next = this.queue.pollStackable(first, this.policy.maxRows() - rows, deadline);
				if (next == null) {
					break;
				}
			}
			if (live(next) != null) {
				batch.add(next);
				rows += next.rows();
			}
		}
		return true;
	}

	/** The request, or null after answering it 504 because its deadline has passed. */
	private BatchRequest live(BatchRequest request) {
		if (request != null && request.expired(System.nanoTime())) {
			request.result().completeExceptionally(this.pool.expired());
			return null;
		}
		return request;
	}

	private void compute(List<BatchRequest> batch) {
		long start = System.nanoTime();
		int rows = batch.stream().mapToInt(BatchRequest::rows).sum();
		List<Tensor> outputs;
		try {
			outputs = this.runner.run(stack(batch, rows));
		}
		catch (RuntimeException ex) {
			logger.warn("{}: a batch of {} requests failed: {}", this.pool, batch.size(), ex.getMessage());
			batch.forEach((request) -> request.result().completeExceptionally(ex));
			return;
		}
		long computeNanos = System.nanoTime() - start;
		this.metrics.batchComputed(this.pool.model(), this.pool.version(), rows, computeNanos);
		int offset = 0;
		for (BatchRequest request : batch) {
			List<Tensor> own = new ArrayList<>(outputs.size());
			for (Tensor output : outputs) {
				own.add(rowsOf(output, rows, offset, request.rows()));
			}
			long queueNanos = start - request.enqueued();
			this.metrics.queued(this.pool.model(), this.pool.version(), queueNanos);
			request.result().complete(new BatchResult(own, queueNanos, computeNanos, rows));
			offset += request.rows();
		}
	}

	/**
	 * The batch's inputs, one tensor per model input, in this worker's reusable direct
	 * buffers.
	 */
	private List<Tensor> stack(List<BatchRequest> batch, int rows) {
		BatchRequest first = batch.get(0);
		int inputs = first.inputs().size();
		if (this.staging.length != inputs) {
			this.staging = new ByteBuffer[inputs];
		}
		List<Tensor> stacked = new ArrayList<>(inputs);
		for (int i = 0; i < inputs; i++) {
			Tensor model = first.inputs().get(i);
			int bytes = 0;
			for (BatchRequest request : batch) {
				bytes += request.inputs().get(i).data().remaining();
			}
			ByteBuffer buffer = this.staging[i];
			if (buffer == null || buffer.capacity() < bytes) {
				buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
				this.staging[i] = buffer;
			}
			buffer.clear();
			for (BatchRequest request : batch) {
				buffer.put(request.inputs().get(i).data().duplicate());
			}
			buffer.flip();
			stacked.add(new Tensor(model.name(), model.datatype(), model.shape().withRows(rows), buffer));
		}
		return stacked;
	}

	private static Tensor rowsOf(Tensor output, int totalRows, int offset, int rows) {
		int rowBytes = output.data().remaining() / totalRows;
		ByteBuffer slice = output.data().duplicate();
		slice.position(slice.position() + offset * rowBytes);
		slice.limit(slice.position() + rows * rowBytes);
		return new Tensor(output.name(), output.datatype(), output.shape().withRows(rows), slice.slice());
	}

}
