package io.opencontrol.edge.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One version of the model, loaded on ONNX Runtime (on a Jetson, its TensorRT or CUDA
 * provider), with the signature the cloud published for it. A request is checked against
 * the signature before it reaches the engine.
 */
final class LocalModel implements AutoCloseable {

	static final String FILE = "model.onnx";

	static final String METADATA = "metadata.json";

	static {
		if (System.getProperty("ai.djl.offline") == null) {
			System.setProperty("ai.djl.offline", "true");
		}
	}

	private final String version;

	private final List<Spec> inputs;

	private final List<String> outputs;

	private final ZooModel<NDList, NDList> model;

	private final BlockingQueue<Predictor<NDList, NDList>> predictors;

	private LocalModel(String version, List<Spec> inputs, List<String> outputs, ZooModel<NDList, NDList> model,
			int concurrency) {
		this.version = version;
		this.inputs = inputs;
		this.outputs = outputs;
		this.model = model;
		this.predictors = new ArrayBlockingQueue<>(concurrency);
		for (int i = 0; i < concurrency; i++) {
			this.predictors.add(model.newPredictor());
		}
	}

	/**
	 * Loads the version in {@code directory}: its {@value #FILE} and {@value #METADATA}.
	 */
	static LocalModel load(Path directory, String version, int concurrency, JsonMapper json) throws IOException {
		JsonNode metadata = json.readTree(Files.readString(directory.resolve(METADATA)));
		List<Spec> inputs = new ArrayList<>();
		for (JsonNode input : metadata.path("inputs")) {
			long[] shape = new long[input.path("shape").size()];
			for (int i = 0; i < shape.length; i++) {
				shape[i] = input.path("shape").get(i).asLong();
			}
			inputs.add(new Spec(input.path("name").asString(), shape));
		}
		List<String> outputs = new ArrayList<>();
		metadata.path("outputs").forEach((output) -> outputs.add(output.path("name").asString()));
		Criteria<NDList, NDList> criteria = Criteria.builder()
			.setTypes(NDList.class, NDList.class)
			.optModelPath(directory)
			.optModelName("model")
			.optEngine("OnnxRuntime")
			.optOptions(Map.of("interOpNumThreads", "1", "intraOpNumThreads", "1"))
			.optTranslator(new NoopTranslator())
			.build();
		try {
			return new LocalModel(version, inputs, outputs, criteria.loadModel(), concurrency);
		}
		catch (ModelNotFoundException | MalformedModelException | RuntimeException ex) {
			throw new IOException("model version " + version + " in " + directory + " does not load: " + ex, ex);
		}
	}

	String version() {
		return this.version;
	}

	List<Tensor> predict(List<Tensor> given) throws InterruptedException {
		List<Tensor> ordered = inSignatureOrder(given);
		Predictor<NDList, NDList> predictor = this.predictors.take();
		try (NDManager manager = this.model.getNDManager().newSubManager()) {
			NDList arrays = new NDList(ordered.size());
			for (Tensor tensor : ordered) {
				NDArray array = manager.create(tensor.values(), new Shape(tensor.shape()));
				array.setName(tensor.name());
				arrays.add(array);
			}
			NDList results = predictor.predict(arrays);
			List<Tensor> answer = new ArrayList<>(results.size());
			for (int i = 0; i < results.size(); i++) {
				NDArray result = results.get(i);
				String name = (i < this.outputs.size()) ? this.outputs.get(i) : result.getName();
				answer.add(new Tensor(name, result.getShape().getShape(), result.toFloatArray()));
			}
			return answer;
		}
		catch (TranslateException ex) {
			throw new IllegalStateException("the local model failed on a checked request: " + ex.getMessage(), ex);
		}
		finally {
			this.predictors.add(predictor);
		}
	}

	/**
	 * The inputs in the model's order, or {@link InvalidPrediction} naming the mismatch.
	 */
	private List<Tensor> inSignatureOrder(List<Tensor> given) {
		if (given.size() != this.inputs.size()) {
			throw new InvalidPrediction("the model takes inputs " + this.inputs.stream().map(Spec::name).toList());
		}
		List<Tensor> ordered = new ArrayList<>();
		long rows = given.get(0).shape()[0];
		for (Spec spec : this.inputs) {
			Tensor tensor = given.stream()
				.filter((candidate) -> candidate.name().equals(spec.name()))
				.findFirst()
				.orElseThrow(() -> new InvalidPrediction("input '" + spec.name() + "' is missing"));
			if (!spec.accepts(tensor.shape()) || tensor.shape()[0] != rows) {
				throw new InvalidPrediction("input '" + spec.name() + "' has shape "
						+ java.util.Arrays.toString(tensor.shape()) + ", the model takes "
						+ java.util.Arrays.toString(spec.shape()) + " with the same rows for every input");
			}
			ordered.add(tensor);
		}
		return ordered;
	}

	@Override
	public void close() {
		this.predictors.forEach(Predictor::close);
		this.model.close();
	}

	/** One input of the signature; -1 in its shape takes any size. */
	record Spec(String name, long[] shape) {

		boolean accepts(long[] given) {
			if (given.length != this.shape.length) {
				return false;
			}
			for (int i = 0; i < given.length; i++) {
				if (this.shape[i] != -1 && this.shape[i] != given[i]) {
					return false;
				}
			}
			return true;
		}

	}

}
