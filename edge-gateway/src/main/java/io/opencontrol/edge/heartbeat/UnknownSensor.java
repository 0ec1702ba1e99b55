package io.opencontrol.edge.heartbeat;

/** The robot's software reported a sensor this edge gateway is not configured with. */
public class UnknownSensor extends RuntimeException {

	UnknownSensor(String sensor, Iterable<String> known) {
		super("No sensor '" + sensor + "' is configured; the sensors are " + String.join(", ", known));
	}

}
