package io.opencontrol.edge.heartbeat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.opencontrol.edge.cloud.Cloud;
import io.opencontrol.edge.inference.InferenceStatus;
import io.opencontrol.edge.journal.Journal;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the robot's heartbeat to the fleet-coordinator: sensor health, how it infers now
 * (mode and the cloud circuit) and the telemetry backlog. A heartbeat that does not
 * arrive is not retried: the next one says the same, newer.
 */
public class Heartbeats {

	private static final Logger logger = LoggerFactory.getLogger(Heartbeats.class);

	private final Cloud cloud;

	private final SensorHealth sensors;

	private final InferenceStatus inference;

	private final Journal journal;

	private final HeartbeatProperties properties;

	private final JsonMapper json;

	private volatile Instant lastDelivered;

	private volatile String lastProblem;

	Heartbeats(Cloud cloud, SensorHealth sensors, InferenceStatus inference, Journal journal,
			HeartbeatProperties properties, JsonMapper json) {
		this.cloud = cloud;
		this.sensors = sensors;
		this.inference = inference;
		this.journal = journal;
		this.properties = properties;
		this.json = json;
	}

	/** Sends one heartbeat now. */
	public void send() {
		InferenceStatus.Snapshot inference = this.inference.now();
		Map<String, String> sensors = new LinkedHashMap<>();
		this.sensors.now().forEach((name, sensor) -> sensors.put(name, sensor.status()));
		byte[] body = this.json
			.writeValueAsBytes(new Heartbeat(sensors, inference.mode(), inference.circuit(), this.journal.backlog()));
		HttpRequest.Builder request = this.cloud.request("/api/robots/" + this.cloud.robotId() + "/heartbeats")
			.timeout(this.properties.timeout())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		try {
			HttpResponse<String> response = this.cloud.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 204) {
				this.lastDelivered = Instant.now();
				this.lastProblem = null;
			}
			else {
				problem("the fleet-coordinator answered HTTP " + response.statusCode() + ": " + response.body());
			}
		}
		catch (IOException ex) {
			problem(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** When the coordinator last took a heartbeat; null before the first. */
	public Instant lastDelivered() {
		return this.lastDelivered;
	}

	/** Why the last heartbeat did not arrive; null after one did. */
	public String lastProblem() {
		return this.lastProblem;
	}

	private void problem(String problem) {
		// Offline is a normal state for a robot: said once when it starts, not every
		// beat.
		if (this.lastProblem == null) {
			logger.warn("Heartbeat not delivered: {}", problem);
		}
		this.lastProblem = problem;
	}

	/** The coordinator's heartbeat body. */
	record Heartbeat(Map<String, String> sensors, String mode, String circuit, long backlog) {
	}

}
