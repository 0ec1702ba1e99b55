package io.opencontrol.modelserver.web;

import io.opencontrol.modelserver.ServerFixture;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same answers from the same model served by ONNX Runtime. */
class OnnxInferenceApiTests extends InferenceApiTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ServerFixture.register(registry,
				ServerFixture.repositoryCopy((config) -> config.replace("engine: PyTorch", "engine: OnnxRuntime")));
	}

}
