package io.opencontrol.modelserver.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.opencontrol.modelserver.tensor.DataType;
import io.opencontrol.modelserver.tensor.Shape;
import io.opencontrol.modelserver.tensor.TensorSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and validates a model's {@code config.yaml}. Everything a batch or an engine
 * relies on is checked here, once, so that serving code can trust the record.
 */
final class ModelConfigReader {

	static final String FILE_NAME = "config.yaml";

	private static final Set<String> TOP_LEVEL = Set.of("name", "engine", "device", "engine_options", "inputs",
			"outputs", "max_batch_size", "batching", "instances", "version_policy", "warmup");

	private static final int MAX_BATCH_SIZE = 1024;

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private ModelConfigReader() {
	}

	static ModelConfig read(Path modelDirectory) {
		Path file = modelDirectory.resolve(FILE_NAME);
		JsonNode root;
		try {
			root = YAML.readTree(Files.readString(file));
		}
		catch (IOException ex) {
			throw new InvalidModelConfig(file, "(file)", null, "cannot be read: " + ex.getMessage());
		}
		catch (JacksonException ex) {
			throw new InvalidModelConfig(file, "(file)", null, "is not valid YAML: " + ex.getOriginalMessage());
		}
		ConfigField config = new ConfigField(file, "", root);
		if (!config.present()) {
			throw new InvalidModelConfig(file, "(file)", null, "is empty");
		}
		config.allowOnly(TOP_LEVEL);
		String directoryName = modelDirectory.getFileName().toString();
		String name = config.field("name").string(directoryName);
		if (!name.equals(directoryName)) {
			throw config.field("name").invalid("must equal the model's directory name '" + directoryName + "'");
		}
		EngineKind engine = engine(config.field("engine"));
		String device = device(config.field("device"));
		int maxBatchSize = config.field("max_batch_size").integer(null, 1, MAX_BATCH_SIZE);
		List<TensorSpec> inputs = tensors(config.field("inputs"));
		List<TensorSpec> outputs = tensors(config.field("outputs"));
		BatchingConfig batching = batching(config.field("batching"), maxBatchSize);
		int instances = config.field("instances").integer(1, 1, 64);
		VersionPolicy policy = versionPolicy(config.field("version_policy"));
		List<Integer> warmup = warmup(config.field("warmup"), maxBatchSize);
		return new ModelConfig(name, engine, device, config.field("engine_options").stringMap(), inputs, outputs,
				maxBatchSize, batching, instances, policy, warmup);
	}

	private static EngineKind engine(ConfigField field) {
		String value = field.string(null);
		return EngineKind.named(value).orElseThrow(() -> field.invalid("unknown engine (known: PyTorch, OnnxRuntime)"));
	}

	private static String device(ConfigField field) {
		String value = field.string("cpu");
		if (!ModelConfig.isDevice(value)) {
			throw field.invalid("must be cpu, gpu or gpu:N");
		}
		return value;
	}

	private static List<TensorSpec> tensors(ConfigField field) {
		List<TensorSpec> specs = field.list(true, ModelConfigReader::tensor);
		if (specs.isEmpty()) {
			throw field.invalid("must name at least one tensor");
		}
		Set<String> names = new HashSet<>();
		for (int i = 0; i < specs.size(); i++) {
			if (!names.add(specs.get(i).name())) {
				throw field.list(true).get(i).field("name").invalid("is declared twice");
			}
		}
		return specs;
	}

	private static TensorSpec tensor(ConfigField field) {
		field.allowOnly(Set.of("name", "datatype", "shape"));
		String name = field.field("name").string(null);
		ConfigField type = field.field("datatype");
		DataType datatype = DataType.named(type.string(null))
			.orElseThrow(() -> type.invalid("unsupported datatype (supported: FP32, FP64, INT32, INT64, BOOL)"));
		ConfigField shapeField = field.field("shape");
		List<ConfigField> dims = shapeField.list(true);
		if (dims.isEmpty()) {
			throw shapeField.invalid("must have the batch dimension first");
		}
		long[] shape = new long[dims.size()];
		for (int i = 0; i < shape.length; i++) {
			shape[i] = dims.get(i).integer(null, -1, 1 << 20);
			if (shape[i] == 0) {
				throw dims.get(i).invalid("must be positive, or -1 for any size");
			}
		}
		if (shape[0] != -1) {
			throw dims.get(0).invalid("the first dimension is the batch and must be -1");
		}
		return new TensorSpec(name, datatype, Shape.of(shape));
	}

	private static BatchingConfig batching(ConfigField field, int maxBatchSize) {
		field.allowOnly(Set.of("max_queue_delay", "preferred_batch_sizes", "queue_capacity", "default_timeout"));
		Duration delay = field.field("max_queue_delay").duration(Duration.ofMillis(2), Duration.ofSeconds(1));
		List<Integer> preferred = field.field("preferred_batch_sizes")
			.list(false, (size) -> size.integer(null, 1, maxBatchSize));
		int capacity = field.field("queue_capacity").integer(256, 1, 1 << 20);
		Duration timeout = field.field("default_timeout").duration(Duration.ofSeconds(10), Duration.ofMinutes(10));
		if (timeout.isZero()) {
			throw field.field("default_timeout").invalid("must be positive");
		}
		return new BatchingConfig(delay, preferred, capacity, timeout);
	}

	private static VersionPolicy versionPolicy(ConfigField field) {
		field.allowOnly(Set.of("latest", "specific"));
		ConfigField latest = field.field("latest");
		ConfigField specific = field.field("specific");
		if (latest.present() && specific.present()) {
			throw field.invalid("name either latest or specific, not both");
		}
		if (specific.present()) {
			List<Long> versions = specific.list(true, (version) -> (long) version.integer(null, 1, Integer.MAX_VALUE));
			return new VersionPolicy.Specific(Set.copyOf(versions));
		}
		return new VersionPolicy.Latest(latest.integer(1, 1, 100));
	}

	private static List<Integer> warmup(ConfigField field, int maxBatchSize) {
		field.allowOnly(Set.of("batch_sizes"));
		List<Integer> sizes = field.field("batch_sizes").list(false, (size) -> size.integer(null, 1, maxBatchSize));
		if (!sizes.isEmpty()) {
			return sizes;
		}
		// Every size a batch can take, so that no shape meets a cold engine under load.
		return IntStream.rangeClosed(1, maxBatchSize).boxed().toList();
	}

}
