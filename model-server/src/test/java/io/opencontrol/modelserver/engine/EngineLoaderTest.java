package io.opencontrol.modelserver.engine;

import java.util.List;

import io.opencontrol.modelserver.ReferenceData;
import io.opencontrol.modelserver.repository.EngineKind;
import io.opencontrol.modelserver.repository.ModelConfig;
import io.opencontrol.modelserver.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EngineLoaderTest {

	@ParameterizedTest
	@EnumSource(EngineKind.class)
	void bothEnginesReproduceThePythonReference(EngineKind engine) {
		ModelConfig config = withEngine(ReferenceData.demoModel().config(), engine);
		try (LoadedModel model = new EngineLoader().load(config, ReferenceData.demoModel().versionDirectory(1));
				ModelRunner runner = model.newRunner()) {
			List<Tensor> outputs = runner.run(ReferenceData.inputs());

			assertThat(outputs).extracting(Tensor::name).containsExactly("action", "confidence");
			assertClose(outputs.get(0), ReferenceData.tensor("action"));
			assertClose(outputs.get(1), ReferenceData.tensor("confidence"));
		}
	}

	public static ModelConfig withEngine(ModelConfig config, EngineKind engine) {
		return new ModelConfig(config.name(), engine, config.device(), config.engineOptions(), config.inputs(),
				config.outputs(), config.maxBatchSize(), config.batching(), config.instances(), config.versionPolicy(),
				config.warmupBatchSizes());
	}

	static void assertClose(Tensor actual, Tensor expected) {
		assertThat(actual.shape()).isEqualTo(expected.shape());
		float[] values = actual.toFloats();
		float[] reference = expected.toFloats();
		for (int i = 0; i < values.length; i++) {
			assertThat(values[i]).as("%s[%d]", actual.name(), i)
				.isCloseTo(reference[i], within((float) ReferenceData.TOLERANCE));
		}
	}

}
