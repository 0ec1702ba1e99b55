package io.opencontrol.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated robot's software, talking only to its own edge gateway's local API, as a
 * real robot's would: it takes the next assignment, starts it, drives there, works,
 * delivers, completes it, goes to the nearest charger when low, and meanwhile reports its
 * state, telemetry and sensor health and asks its model for actions.
 */
class SimulatedRobot {

	private static final Logger logger = LoggerFactory.getLogger(SimulatedRobot.class);

	enum Activity {

		IDLE, TO_TASK, WORKING, TO_DROPOFF, TO_CHARGER, CHARGING

	}

	private final String id;

	private final URI edge;

	private final HttpClient http;

	private final JsonMapper json;

	private final SimulatorProperties properties;

	private final RobotBody body;

	private final List<double[]> chargers;

	private final Random random;

	private final String predictBody;

	final Counts counts = new Counts();

	private Activity activity = Activity.IDLE;

	private String task;

	private double targetX;

	private double targetY;

	private Double dropoffX;

	private Double dropoffY;

	private double workLeftS;

	private final Map<String, Double> sinceLast = new LinkedHashMap<>();

	SimulatedRobot(String id, URI edge, HttpClient http, JsonMapper json, SimulatorProperties properties,
			RobotBody body, List<double[]> chargers, long seed) {
		this.id = id;
		this.edge = edge;
		this.http = http;
		this.json = json;
		this.properties = properties;
		this.body = body;
		this.chargers = chargers;
		this.random = new Random(seed);
		this.predictBody = predictBody(this.random);
	}

	String id() {
		return this.id;
	}

	synchronized Activity activity() {
		return this.activity;
	}

	synchronized double chargePct() {
		return this.body.chargePct();
	}

	/** One step of the robot's life, {@code realSeconds} after the last. */
	synchronized void tick(double realSeconds) {
		double seconds = realSeconds * this.properties.timeScale();
		try {
			act(seconds);
			if (due("state", this.properties.stateEvery(), realSeconds)) {
				reportState();
			}
			if (due("telemetry", this.properties.telemetryEvery(), realSeconds)) {
				sendTelemetry();
			}
			if (due("inference", this.properties.inferenceEvery(), realSeconds)) {
				predict();
			}
			if (due("sensors", Duration.ofSeconds(2), realSeconds)) {
				reportSensors();
			}
		}
		catch (IOException ex) {
			this.counts.failures.incrementAndGet();
			logger.debug("Robot {}: its edge gateway did not answer: {}", this.id, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void act(double seconds) throws IOException, InterruptedException {
		switch (this.activity) {
			case IDLE -> {
				if (this.body.low()) {
					goCharge();
				}
				else {
					takeNext();
				}
			}
			case TO_TASK -> {
				if (this.body.driveToward(this.targetX, this.targetY, seconds)) {
					this.activity = Activity.WORKING;
				}
				abandonIfFlat();
			}
			case WORKING -> {
				this.body.work(seconds);
				this.workLeftS -= seconds;
				if (this.workLeftS <= 0) {
					if (this.dropoffX != null) {
						this.targetX = this.dropoffX;
						this.targetY = this.dropoffY;
						this.activity = Activity.TO_DROPOFF;
					}
					else {
						finish();
					}
				}
				abandonIfFlat();
			}
			case TO_DROPOFF -> {
				if (this.body.driveToward(this.targetX, this.targetY, seconds)) {
					finish();
				}
				abandonIfFlat();
			}
			case TO_CHARGER -> {
				if (this.body.driveToward(this.targetX, this.targetY, seconds)) {
					this.activity = Activity.CHARGING;
				}
			}
			case CHARGING -> {
				if (this.body.charge(seconds)) {
					this.activity = Activity.IDLE;
				}
			}
		}
	}

	private void takeNext() throws IOException, InterruptedException {
		HttpResponse<String> next = send("GET", "/assignments/next", null);
		if (next.statusCode() != 200) {
			return;
		}
		JsonNode task = this.json.readTree(next.body());
		String taskId = task.path("id").asString();
		if (!"in_progress".equals(task.path("status").asString())) {
			HttpResponse<String> started = send("POST", "/assignments/" + taskId + "/start", null);
			if (started.statusCode() != 200) {
				// Moved to another robot or cancelled meanwhile: the stream will say so.
				return;
			}
		}
		this.task = taskId;
		this.targetX = task.path("x").asDouble();
		this.targetY = task.path("y").asDouble();
		this.dropoffX = task.path("dropoff_x").isNumber() ? task.path("dropoff_x").asDouble() : null;
		this.dropoffY = task.path("dropoff_y").isNumber() ? task.path("dropoff_y").asDouble() : null;
		this.workLeftS = task.path("estimated_duration_s").asDouble();
		this.activity = Activity.TO_TASK;
	}

	private void finish() throws IOException, InterruptedException {
		HttpResponse<String> completed = send("POST", "/assignments/" + this.task + "/complete", null);
		if (completed.statusCode() == 200) {
			this.counts.completed.incrementAndGet();
		}
		if (completed.statusCode() == 503) {
			// The cloud is away: the work stays done here and is reported again next
			// tick.
			return;
		}
		// Completed, or refused because the task was cancelled meanwhile: either way
		// done.
		this.task = null;
		this.activity = Activity.IDLE;
	}

	/** A robot about to run flat gives its task back and goes to charge. */
	private void abandonIfFlat() throws IOException, InterruptedException {
		if (this.task == null || this.body.chargePct() > 3) {
			return;
		}
		HttpResponse<String> failed = send("POST", "/assignments/" + this.task + "/fail",
				"{\"reason\":\"battery nearly empty\"}");
		if (failed.statusCode() == 503) {
			return;
		}
		if (failed.statusCode() == 200) {
			this.counts.failed.incrementAndGet();
		}
		this.task = null;
		goCharge();
	}

	private void goCharge() {
		double[] nearest = null;
		for (double[] charger : this.chargers) {
			if (nearest == null
					|| this.body.distanceTo(charger[0], charger[1]) < this.body.distanceTo(nearest[0], nearest[1])) {
				nearest = charger;
			}
		}
		if (nearest == null) {
			// A map without chargers: the robot charges where it stands.
			this.activity = Activity.CHARGING;
			return;
		}
		this.targetX = nearest[0];
		this.targetY = nearest[1];
		this.activity = Activity.TO_CHARGER;
	}

	private void reportState() throws IOException, InterruptedException {
		String status = switch (this.activity) {
			case IDLE -> "idle";
			case TO_CHARGER, CHARGING -> "charging";
			default -> "busy";
		};
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("x", round(this.body.x()));
		state.put("y", round(this.body.y()));
		state.put("battery_pct", round(this.body.chargePct()));
		state.put("status", status);
		send("PUT", "/state", this.json.writeValueAsString(state));
	}

	private void sendTelemetry() throws IOException, InterruptedException {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("x", round(this.body.x()));
		data.put("y", round(this.body.y()));
		data.put("battery_pct", round(this.body.chargePct()));
		data.put("activity", this.activity.name().toLowerCase());
		data.put("task", this.task);
		String priority = this.body.low() ? "high" : "normal";
		HttpResponse<String> stored = send("POST", "/telemetry",
				this.json.writeValueAsString(Map.of("priority", priority, "data", data)));
		(stored.statusCode() == 202 ? this.counts.telemetry : this.counts.failures).incrementAndGet();
	}

	private void predict() throws IOException, InterruptedException {
		HttpResponse<String> answer = send("POST", "/predict", this.predictBody);
		if (answer.statusCode() != 200) {
			this.counts.failures.incrementAndGet();
			return;
		}
		String source = this.json.readTree(answer.body()).path("source").asString();
		("local_edge".equals(source) ? this.counts.local : this.counts.cloud).incrementAndGet();
	}

	private void reportSensors() throws IOException, InterruptedException {
		for (String sensor : List.of("camera_feed", "force_sensor")) {
			String status = (this.random.nextInt(100) == 0) ? "degraded" : "ok";
			send("PUT", "/sensors/" + sensor, "{\"status\":\"" + status + "\"}");
		}
	}

	private boolean due(String what, Duration every, double realSeconds) {
		double since = this.sinceLast.merge(what, realSeconds, Double::sum);
		if (since * 1000 < every.toMillis()) {
			return false;
		}
		this.sinceLast.put(what, 0.0);
		return true;
	}

	private HttpResponse<String> send(String method, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.edge.resolve(path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	/**
	 * A camera frame of noise and a joint reading: what the robot asks its model about.
	 */
	private static String predictBody(Random random) {
		StringBuilder body = new StringBuilder(80_000).append("{\"model\":\"world_model\",\"inputs\":{\"joints\":[[");
		for (int i = 0; i < 7; i++) {
			body.append((i > 0) ? "," : "").append(round(random.nextDouble() * 2 - 1));
		}
		body.append("]],\"image\":[[");
		for (int channel = 0; channel < 3; channel++) {
			body.append((channel > 0) ? ",[" : "[");
			for (int row = 0; row < 64; row++) {
				body.append((row > 0) ? ",[" : "[");
				for (int column = 0; column < 64; column++) {
					body.append((column > 0) ? "," : "").append(round(random.nextDouble()));
				}
				body.append(']');
			}
			body.append(']');
		}
		return body.append("]]}}").toString();
	}

	/** What the robot has done, for the simulation's summary. */
	static final class Counts {

		final AtomicLong completed = new AtomicLong();

		final AtomicLong failed = new AtomicLong();

		final AtomicLong telemetry = new AtomicLong();

		final AtomicLong local = new AtomicLong();

		final AtomicLong cloud = new AtomicLong();

		final AtomicLong failures = new AtomicLong();

	}

}
