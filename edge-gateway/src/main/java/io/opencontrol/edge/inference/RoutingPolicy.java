package io.opencontrol.edge.inference;

/**
 * The routing rules, first match wins. A request answered locally by a choice (priority
 * or budget, not because the cloud is away) whose confidence is below the threshold is
 * asked of the cloud again; see {@link #escalate}.
 */
final class RoutingPolicy {

	private final String confidenceOutput;

	private final double confidenceThreshold;

	RoutingPolicy(String confidenceOutput, double confidenceThreshold) {
		this.confidenceOutput = confidenceOutput;
		this.confidenceThreshold = confidenceThreshold;
	}

	Route route(PredictRequest request, Conditions now) {
		if (now.localVersion() == null
				|| (request.version() != null && !request.version().equals(now.localVersion()))) {
			return Route.CLOUD_NO_LOCAL_MODEL;
		}
		if (now.circuitOpen()) {
			return Route.LOCAL_CIRCUIT_OPEN;
		}
		if (now.localOverloaded()) {
			return Route.CLOUD_LOCAL_OVERLOADED;
		}
		if (request.highPriority()) {
			return Route.LOCAL_HIGH_PRIORITY;
		}
		if (request.latencyBudgetMs() != null && now.cloudLatencyMs() > request.latencyBudgetMs()) {
			return Route.LOCAL_LATENCY_BUDGET;
		}
		return Route.CLOUD_DEFAULT;
	}

	/** Whether a local answer is too unsure to keep while the cloud can be asked. */
	boolean escalate(Route route, Prediction local, Conditions now) {
		if (!route.local() || now.circuitOpen()) {
			return false;
		}
		Float confidence = local.lowest(this.confidenceOutput);
		return confidence != null && confidence < this.confidenceThreshold;
	}

	/**
	 * What the rules look at, read once per request.
	 *
	 * @param localVersion the version on the robot, null when none is loaded
	 * @param cloudLatencyMs the cloud's recent latency (0 before any answer)
	 */
	record Conditions(String localVersion, boolean circuitOpen, boolean localOverloaded, double cloudLatencyMs) {
	}

}
