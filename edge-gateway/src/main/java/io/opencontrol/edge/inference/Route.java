package io.opencontrol.edge.inference;

/** Where a request goes first, and the rule that sent it there. */
enum Route {

	/** No model version is on the robot (or not the one asked for). */
	CLOUD_NO_LOCAL_MODEL(false, "no_local_model"),
	/** The cloud's circuit is open: it failed recently. */
	LOCAL_CIRCUIT_OPEN(true, "circuit_open"),
	/** The local runner is busy with as many requests as it takes. */
	CLOUD_LOCAL_OVERLOADED(false, "local_overloaded"),
	/** High priority: no network round trip. */
	LOCAL_HIGH_PRIORITY(true, "high_priority"),
	/** The cloud's recent latency exceeds what the request can wait. */
	LOCAL_LATENCY_BUDGET(true, "latency_budget"),
	/** Otherwise the cloud, which serves the fleet's reference model. */
	CLOUD_DEFAULT(false, "default");

	private final boolean local;

	private final String reason;

	Route(boolean local, String reason) {
		this.local = local;
		this.reason = reason;
	}

	boolean local() {
		return this.local;
	}

	String reason() {
		return this.reason;
	}

}
