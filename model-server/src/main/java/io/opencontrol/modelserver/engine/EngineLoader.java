package io.opencontrol.modelserver.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.opencontrol.modelserver.repository.EngineKind;
import io.opencontrol.modelserver.repository.ModelConfig;

import org.springframework.stereotype.Component;

/**
 * Loads a model version on the engine its config names. The engines run offline (every
 * native library ships in the jar) and with one intra-op thread: the server scales with
 * worker instances instead, because intra-op threads collapse under CPU contention
 * (../shared/STACK.md).
 */
@Component
public class EngineLoader {

	static {
		defaultProperty("ai.djl.offline", "true");
		defaultProperty("ai.djl.pytorch.num_threads", "1");
		defaultProperty("ai.djl.pytorch.num_interop_threads", "1");
	}

	public LoadedModel load(ModelConfig config, Path versionDirectory) {
		Criteria<NDList, NDList> criteria = Criteria.builder()
			.setTypes(NDList.class, NDList.class)
			.optModelPath(versionDirectory)
			.optModelName(config.engine().fileName().replaceFirst("\\.[a-z]+$", ""))
			.optEngine(config.engine().djlName())
			.optDevice(device(config.device()))
			.optOptions(options(config))
			.optTranslator(new NoopTranslator())
			.build();
		try {
			ZooModel<NDList, NDList> model = criteria.loadModel();
			return new LoadedModel(config, model);
		}
		catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException ex) {
			throw new ModelLoadFailed(config.name(), versionDirectory, ex);
		}
	}

	private static Map<String, String> options(ModelConfig config) {
		Map<String, String> options = new LinkedHashMap<>();
		if (config.engine() == EngineKind.ONNX_RUNTIME) {
			options.put("interOpNumThreads", "1");
			options.put("intraOpNumThreads", "1");
		}
		options.putAll(config.engineOptions());
		return options;
	}

	private static Device device(String device) {
		if (device.equals("cpu")) {
			return Device.cpu();
		}
		int separator = device.indexOf(':');
		return (separator < 0) ? Device.gpu() : Device.gpu(Integer.parseInt(device.substring(separator + 1)));
	}

	private static void defaultProperty(String name, String value) {
		if (System.getProperty(name) == null) {
			System.setProperty(name, value);
		}
	}

}
