package io.opencontrol.modelserver.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opencontrol.modelserver.ReferenceData;
import io.opencontrol.modelserver.engine.EngineLoader;
import io.opencontrol.modelserver.engine.LoadedModel;
import io.opencontrol.modelserver.engine.ModelRunner;
import io.opencontrol.modelserver.metrics.InferenceMetrics;
import io.opencontrol.modelserver.repository.BatchingConfig;
import io.opencontrol.modelserver.repository.ModelConfig;
import io.opencontrol.modelserver.repository.RepositoryEntry;
import io.opencontrol.modelserver.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The batcher on the real demo model (TorchScript through DJL). */
class ModelPoolTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<ModelPool> pools = new ArrayList<>();

	@AfterEach
	void close() {
		this.pools.forEach((pool) -> pool.close(Duration.ofSeconds(10)));
	}

	@Test
	void batchesFormUnderConcurrencyAndEachAnswerEqualsItsOwnUnbatchedResult() throws Exception {
		ModelPool pool = pool(32, Duration.ofMillis(5), 256, 2);
		List<List<Tensor>> inputs = new ArrayList<>();
		for (int i = 0; i < 96; i++) {
			inputs.add(sample(i % ReferenceData.samples(), 1f + i / 1000f));
		}
		List<CompletableFuture<BatchResult>> results = inputs.stream()
			.map((input) -> CompletableFuture.supplyAsync(() -> pool.submit(request(input, Priority.NORMAL)))
				.thenCompose(BatchRequest::result))
			.toList();

		int largestBatch = 0;
		try (LoadedModel model = load(pool.config()); ModelRunner alone = model.newRunner()) {
			for (int i = 0; i < inputs.size(); i++) {
				BatchResult result = results.get(i).get(30, TimeUnit.SECONDS);
				largestBatch = Math.max(largestBatch, result.batchRows());
				List<Tensor> unbatched = alone.run(inputs.get(i));
				for (int output = 0; output < unbatched.size(); output++) {
					assertClose(result.outputs().get(output), unbatched.get(output));
				}
			}
		}
		assertThat(largestBatch).isGreaterThan(1);
	}

	@Test
	void highPriorityOvertakesNormal() throws Exception {
		ModelPool pool = pool(1, Duration.ZERO, 2048, 1);
		ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
		List<CompletableFuture<?>> all = new ArrayList<>();
		// The input is made once, so queueing a request takes microseconds while
		// the worker needs about a quarter of a millisecond to compute one: most
		// normal requests are still waiting when the high one arrives.
		List<Tensor> input = sample(0, 1f);
		int normals = 1000;
		for (int i = 0; i < normals; i++) {
			String name = "normal-" + i;
			all.add(pool.submit(request(input, Priority.NORMAL)).result().thenRun(() -> order.add(name)));
		}
		all.add(pool.submit(request(input, Priority.HIGH)).result().thenRun(() -> order.add("high")));
		// Measured after the high request arrived, less one for it: the queue
		// only shrinks, so this is at most the number of normal requests waiting
		// when it arrived. (Measured before it, the worker could compute more
		// normal requests in between.)
		int waiting = pool.queueDepth() - 1;
		CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

		// Normal requests already computed, plus at most the one the worker held, come
		// before it.
		assertThat(waiting).isGreaterThan(10);
		assertThat(List.copyOf(order).indexOf("high")).isLessThanOrEqualTo(normals - waiting + 1);
	}

	@Test
	void aFullQueueFailsFast() {
		ModelPool pool = pool(1, Duration.ZERO, 2, 1);
		assertThatThrownBy(() -> {
			for (int i = 0; i < 50; i++) {
				pool.submit(request(sample(0, 1f), Priority.NORMAL));
			}
		}).isInstanceOf(QueueFull.class).hasMessageContaining("2 requests queued");
	}

	@Test
	void aRequestThatExpiresInTheQueueIsNeverComputed() throws Exception {
		ModelPool pool = pool(32, Duration.ZERO, 16, 1);
		double batchesBefore = batchesComputed();
		BatchRequest expired = pool.submit(new BatchRequest(sample(0, 1f), Priority.NORMAL, System.nanoTime() - 1));

		assertThatThrownBy(() -> expired.result().join()).isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(DeadlineExpired.class);
		BatchResult live = pool.submit(request(sample(1, 1f), Priority.NORMAL)).result().get(30, TimeUnit.SECONDS);
		assertThat(live.batchRows()).isEqualTo(1);
		assertThat(batchesComputed() - batchesBefore).isEqualTo(1);
	}

	@Test
	void requestsWithOtherRowCountsStackButOversizedOnesWaitForTheirOwnBatch() throws Exception {
		ModelPool pool = pool(4, Duration.ofMillis(20), 64, 1);
		List<CompletableFuture<BatchResult>> results = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			results.add(pool.submit(request(rows(3), Priority.NORMAL)).result());
		}
		for (CompletableFuture<BatchResult> result : results) {
			assertThat(result.get(30, TimeUnit.SECONDS).batchRows()).isLessThanOrEqualTo(4);
			assertThat(result.get().outputs().get(0).rows()).isEqualTo(3);
		}
	}

	@Test
	void aRequestWhoseDeadlinePassesWhileQueuedIsAnsweredAtItsDeadline() throws Exception {
		ModelPool pool = pool(1, Duration.ZERO, 512, 1);
		List<CompletableFuture<BatchResult>> ahead = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			ahead.add(pool.submit(request(sample(0, 1f), Priority.NORMAL)).result());
		}
		long submitted = System.nanoTime();
		BatchRequest late = pool
			.submit(new BatchRequest(sample(0, 1f), Priority.NORMAL, submitted + TimeUnit.MILLISECONDS.toNanos(20)));
		CompletableFuture<Integer> depthWhenAnswered = late.result().handle((result, failure) -> pool.queueDepth());

		// answered by the pool while the worker still has requests ahead of it: nobody
		// had to wait for it, and it was never computed
		assertThatThrownBy(() -> late.result().get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(DeadlineExpired.class);
		assertThat(depthWhenAnswered.get()).isGreaterThan(0);
		assertThat(ahead.stream().filter(CompletableFuture::isDone).count()).isLessThan(ahead.size());
		CompletableFuture.allOf(ahead.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		assertThat(batchesComputed()).isEqualTo(400);
	}

	@Test
	void batchesStopAtTheLargestPreferredSizeWhileMoreWait() throws Exception {
		ModelPool pool = pool(32, List.of(2, 4), Duration.ofMillis(200), 256, 1);
		List<CompletableFuture<BatchResult>> results = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			results.add(pool.submit(request(sample(0, 1f), Priority.NORMAL)).result());
		}
		int largest = 0;
		for (CompletableFuture<BatchResult> result : results) {
			largest = Math.max(largest, result.get(30, TimeUnit.SECONDS).batchRows());
		}
		// 40 queued at once: without the cap the worker would take up to 32
		assertThat(largest).isEqualTo(4);
	}

	private double batchesComputed() {
		return this.meters.find("opencontrol.batch.size").summaries().stream().mapToLong((s) -> s.count()).sum();
	}

	private ModelPool pool(int maxBatchSize, Duration delay, int capacity, int instances) {
		return pool(maxBatchSize, List.of(), delay, capacity, instances);
	}

	private ModelPool pool(int maxBatchSize, List<Integer> preferred, Duration delay, int capacity, int instances) {
		RepositoryEntry entry = ReferenceData.demoModel();
		ModelConfig demo = entry.config();
		ModelConfig config = new ModelConfig(demo.name(), demo.engine(), demo.device(), demo.engineOptions(),
				demo.inputs(), demo.outputs(), maxBatchSize,
				new BatchingConfig(delay, preferred, capacity, Duration.ofSeconds(30)), instances, demo.versionPolicy(),
				List.of(1));
		ModelPool pool = new ModelPool(1, load(config), new InferenceMetrics(this.meters));
		pool.start();
		this.pools.add(pool);
		return pool;
	}

	private static LoadedModel load(ModelConfig config) {
		return new EngineLoader().load(config, ReferenceData.demoModel().versionDirectory(1));
	}

	private static BatchRequest request(List<Tensor> inputs, Priority priority) {
		return new BatchRequest(inputs, priority, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
	}

	/** Reference sample {@code row}, scaled so that every request's input differs. */
	private static List<Tensor> sample(int row, float scale) {
		return ReferenceData.inputs()
			.stream()
			.map((input) -> scaled(ReferenceData.rows(input, row, row + 1), scale))
			.toList();
	}

	private static List<Tensor> rows(int count) {
		return ReferenceData.inputs().stream().map((input) -> ReferenceData.rows(input, 0, count)).toList();
	}

	private static Tensor scaled(Tensor tensor, float scale) {
		float[] values = tensor.toFloats();
		java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(values.length * 4)
			.order(java.nio.ByteOrder.LITTLE_ENDIAN);
		for (float value : values) {
			data.putFloat(value * scale);
		}
		return new Tensor(tensor.name(), tensor.datatype(), tensor.shape(), data.flip());
	}

	private static void assertClose(Tensor actual, Tensor expected) {
		assertThat(actual.shape()).isEqualTo(expected.shape());
		float[] a = actual.toFloats();
		float[] e = expected.toFloats();
		for (int i = 0; i < a.length; i++) {
			assertThat(a[i]).isCloseTo(e[i], within((float) ReferenceData.TOLERANCE));
		}
	}

}
