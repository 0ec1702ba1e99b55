package io.opencontrol.modelserver.repository;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opencontrol.modelserver.tensor.TensorSpec;

/**
 * A model's {@code config.yaml}, validated ({@link ModelConfigReader}): engine and
 * device, signature, batching, worker instances, version policy and warm-up.
 */
public record ModelConfig(String name, EngineKind engine, String device, Map<String, String> engineOptions,
		List<TensorSpec> inputs, List<TensorSpec> outputs, int maxBatchSize, BatchingConfig batching, int instances,
		VersionPolicy versionPolicy, List<Integer> warmupBatchSizes) {

	public ModelConfig {
		engineOptions = Map.copyOf(engineOptions);
		inputs = List.copyOf(inputs);
		outputs = List.copyOf(outputs);
		warmupBatchSizes = List.copyOf(warmupBatchSizes);
	}

	/** Whether {@code device} names one: {@code cpu}, {@code gpu} or {@code gpu:N}. */
	public static boolean isDevice(String device) {
		return device.matches("cpu|gpu(:\\d{1,2})?");
	}

	/** This config loaded on another device. */
	public ModelConfig onDevice(String device) {
		return new ModelConfig(this.name, this.engine, device, this.engineOptions, this.inputs, this.outputs,
				this.maxBatchSize, this.batching, this.instances, this.versionPolicy, this.warmupBatchSizes);
	}

	public Optional<TensorSpec> input(String name) {
		return this.inputs.stream().filter((spec) -> spec.name().equals(name)).findFirst();
	}

	public Optional<TensorSpec> output(String name) {
		return this.outputs.stream().filter((spec) -> spec.name().equals(name)).findFirst();
	}

}
