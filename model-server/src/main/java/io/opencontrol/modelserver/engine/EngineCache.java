package io.opencontrol.modelserver.engine;

import ai.djl.engine.Engine;

/**
 * Loads each named DJL engine once, so that DJL unpacks its native libraries into
 * {@code ENGINE_CACHE_DIR}. Run while the container image is built (deploy/Dockerfile): a
 * container whose root file system is read-only then starts without writing them.
 */
public final class EngineCache {

	private EngineCache() {
	}

	public static void main(String[] engines) {
		if (engines.length == 0) {
			throw new IllegalArgumentException("name the engines to unpack, e.g. PyTorch OnnxRuntime");
		}
		for (String name : engines) {
			Engine engine = Engine.getEngine(name);
			System.out.println(engine.getEngineName() + " " + engine.getVersion() + " unpacked");
		}
	}

}
