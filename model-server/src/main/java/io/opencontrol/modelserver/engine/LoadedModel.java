package io.opencontrol.modelserver.engine;

import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import io.opencontrol.modelserver.repository.ModelConfig;

/**
 * A model version held by its engine. Each worker takes its own {@link ModelRunner}; the
 * weights are shared. Closing releases the native memory, so it happens only after every
 * runner is done.
 */
public final class LoadedModel implements AutoCloseable {

	private final ModelConfig config;

	private final ZooModel<NDList, NDList> model;

	LoadedModel(ModelConfig config, ZooModel<NDList, NDList> model) {
		this.config = config;
		this.model = model;
	}

	public ModelConfig config() {
		return this.config;
	}

	public ModelRunner newRunner() {
		return new ModelRunner(this.config, this.model);
	}

	@Override
	public void close() {
		this.model.close();
	}

}
