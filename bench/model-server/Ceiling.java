import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

import io.opencontrol.modelserver.engine.EngineLoader;
import io.opencontrol.modelserver.engine.LoadedModel;
import io.opencontrol.modelserver.engine.ModelRunner;
import io.opencontrol.modelserver.repository.ModelConfig;
import io.opencontrol.modelserver.repository.ModelRepository;
import io.opencontrol.modelserver.repository.RepositoryEntry;
import io.opencontrol.modelserver.repository.RepositoryProperties;
import io.opencontrol.modelserver.tensor.Shape;
import io.opencontrol.modelserver.tensor.Tensor;
import io.opencontrol.modelserver.tensor.TensorSpec;

/**
 * The in-process ceiling: the most samples per second DJL computes on a model with the
 * server's own engine settings (its config's engine and instances, one intra-op thread
 * each), at every batch size up to max_batch_size in powers of two. No HTTP, no queue.
 * An optional fourth argument runs that many instances instead (e.g. one per core).
 *
 *   java -cp <model-server classpath> Ceiling.java <repository> <model> <seconds per size> [instances]
 *
 * Prints one JSON line: {"ceiling_sps":…, "best_batch":…, "by_batch":{…}}.
 */
public class Ceiling {

	public static void main(String[] args) throws Exception {
		RepositoryProperties properties = new RepositoryProperties(Path.of(args[0]), Duration.ofSeconds(5),
				org.springframework.util.unit.DataSize.ofMegabytes(64), Duration.ofSeconds(30));
		RepositoryEntry entry = new ModelRepository(properties).find(args[1]).orElseThrow();
		Duration perSize = Duration.ofMillis((long) (Double.parseDouble(args[2]) * 1000));
		ModelConfig config = entry.config();
		try (LoadedModel model = new EngineLoader().load(config, entry.versionDirectory(entry.servedVersions().last()))) {
			List<ModelRunner> runners = new ArrayList<>();
			int instances = (args.length > 3) ? Integer.parseInt(args[3]) : config.instances();
			for (int i = 0; i < instances; i++) {
				runners.add(model.newRunner());
			}
			StringBuilder byBatch = new StringBuilder();
			double best = 0;
			int bestBatch = 0;
			for (int batch = 1; batch <= config.maxBatchSize(); batch *= 2) {
				measure(runners, config, batch, Duration.ofMillis(500));
				double sps = measure(runners, config, batch, perSize);
				byBatch.append(byBatch.isEmpty() ? "" : ",").append('"').append(batch).append("\":").append(Math.round(sps));
				if (sps > best) {
					best = sps;
					bestBatch = batch;
				}
			}
			System.out.printf("{\"ceiling_sps\":%.1f,\"best_batch\":%d,\"instances\":%d,\"engine\":\"%s\",\"by_batch\":{%s}}%n",
					best, bestBatch, instances, config.engine().djlName(), byBatch);
			runners.forEach(ModelRunner::close);
		}
	}

	/** Samples per second with every runner on its own thread, running batches of this size back to back. */
	private static double measure(List<ModelRunner> runners, ModelConfig config, int batch, Duration duration)
			throws InterruptedException {
		LongAdder samples = new LongAdder();
		CountDownLatch done = new CountDownLatch(runners.size());
		long end = System.nanoTime() + duration.toNanos();
		long start = System.nanoTime();
		for (ModelRunner runner : runners) {
			List<Tensor> inputs = config.inputs().stream().map((spec) -> random(spec, batch)).toList();
			Thread thread = new Thread(() -> {
				while (System.nanoTime() < end) {
					runner.run(inputs);
					samples.add(batch);
				}
				done.countDown();
			});
			thread.start();
		}
		done.await();
		return samples.sum() / ((System.nanoTime() - start) / 1e9);
	}

	private static Tensor random(TensorSpec spec, int rows) {
		long[] dims = spec.shape().dims();
		dims[0] = rows;
		Shape shape = Shape.of(dims);
		ByteBuffer data = ByteBuffer.allocateDirect((int) shape.elements() * 4).order(ByteOrder.LITTLE_ENDIAN);
		java.util.Random random = new java.util.Random(7);
		while (data.hasRemaining()) {
			data.putFloat(random.nextFloat());
		}
		return new Tensor(spec.name(), spec.datatype(), shape, data.flip());
	}

}
