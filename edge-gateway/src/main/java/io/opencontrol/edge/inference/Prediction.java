package io.opencontrol.edge.inference;

import java.util.List;

/**
 * An answer, and where it came from: {@code local_edge} or {@code cloud_server}, with the
 * model version that computed it and why the request went there.
 */
record Prediction(String model, String version, List<Tensor> outputs, double latencyMs, Source source, String route) {

	enum Source {

		LOCAL_EDGE, CLOUD_SERVER

	}

	Prediction routedBy(String why) {
		return new Prediction(this.model, this.version, this.outputs, this.latencyMs, this.source, why);
	}

	/**
	 * The smallest value of the named output, or null when the model has no such output.
	 */
	Float lowest(String output) {
		for (Tensor tensor : this.outputs) {
			if (tensor.name().equals(output)) {
				float lowest = Float.POSITIVE_INFINITY;
				for (float value : tensor.values()) {
					lowest = Math.min(lowest, value);
				}
				return lowest;
			}
		}
		return null;
	}

}
