package io.opencontrol.edge.inference;

import org.springframework.stereotype.Component;

/** The inference path at a glance, for /status and heartbeats. */
@Component
public class InferenceStatus {

	private final EdgeInference inference;

	InferenceStatus(EdgeInference inference) {
		this.inference = inference;
	}

	public Snapshot now() {
		RoutingPolicy.Conditions conditions = this.inference.conditions();
		String mode = (conditions.circuitOpen()) ? "local_only" : "cloud";
		return new Snapshot(mode, this.inference.circuitState(), conditions.localVersion(), conditions.cloudLatencyMs(),
				conditions.localOverloaded());
	}

	/**
	 * @param mode {@code cloud} while the cloud is used, {@code local_only} while its
	 * circuit is open
	 * @param circuit the cloud circuit's state
	 * @param localVersion the model version on the robot, null before the first
	 */
	public record Snapshot(String mode, String circuit, String localVersion, double cloudLatencyMs,
			boolean localOverloaded) {
	}

}
