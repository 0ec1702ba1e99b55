package io.opencontrol.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.opencontrol.edge.cloud.CloudProperties;
import io.opencontrol.edge.cloud.RobotToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts each robot's edge gateway, places the robots where the coordinator has them, and
 * runs them, the dispatcher and a periodic summary until the process is stopped.
 */
@Component
class Simulation implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Simulation.class);

	private final SimulatorProperties properties;

	private final JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final List<SimulatedRobot> robots = new ArrayList<>();

	private EdgeGateways edges;

	private ScheduledExecutorService scheduler;

	private Dispatcher dispatcher;

	private volatile boolean running;

	Simulation(SimulatorProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
	}

	@Override
	public void start() {
		try {
			run();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The simulation could not start: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the simulation", ex);
		}
	}

	private void run() throws IOException, InterruptedException {
		SimulatorProperties.Enrolment enrol = this.properties.enrol();
		if (enrol.robots() > 0) {
			new FleetEnrolment(client(enrol.adminClientId(), enrol.adminClientSecret()), this.json)
				.enrol(this.properties.fleet(), enrol.robots(), this.properties.credentials());
		}
		Operator operator = client(this.properties.operatorClientId(), this.properties.operatorClientSecret());
		JsonNode fleet = operator.get("/api/fleets/" + this.properties.fleet());
		List<double[]> chargers = new ArrayList<>();
		fleet.path("chargers")
			.forEach((charger) -> chargers
				.add(new double[] { charger.path("x").asDouble(), charger.path("y").asDouble() }));
		List<RobotCredentials> credentials = RobotCredentials.read(this.properties.credentials());
		if (enrol.robots() > 0) {
			// The file keeps every robot an earlier, larger run enrolled: this run has N.
			credentials = credentials.subList(0, Math.min(enrol.robots(), credentials.size()));
		}
		this.edges = new EdgeGateways(this.properties);
		long seed = 1;
		for (RobotCredentials robot : credentials) {
			JsonNode registered = operator.get("/api/robots/" + robot.robotId());
			URI edge = this.edges.start(robot);
			RobotBody body = new RobotBody(registered.path("x").asDouble(), registered.path("y").asDouble(),
					registered.path("battery_pct").asDouble(), registered.path("speed_mps").asDouble(),
					this.properties.battery());
			this.robots.add(new SimulatedRobot(robot.robotId(), edge, this.http, this.json, this.properties, body,
					chargers, seed++));
			logger.info("Robot {} is up behind its edge gateway at {}", robot.robotId(), edge);
		}
		this.dispatcher = new Dispatcher(operator, this.properties.fleet(), fleet.path("map_width_m").asDouble(),
				fleet.path("map_height_m").asDouble());
		this.scheduler = Executors.newScheduledThreadPool(Math.min(8, this.robots.size() + 2));
		long tick = this.properties.tick().toMillis();
		for (SimulatedRobot robot : this.robots) {
			this.scheduler.scheduleWithFixedDelay(() -> robot.tick(tick / 1000.0), tick, tick, TimeUnit.MILLISECONDS);
		}
		long every = this.properties.taskEvery().toMillis();
		this.scheduler.scheduleWithFixedDelay(this.dispatcher::assignOne, every, every, TimeUnit.MILLISECONDS);
		long summary = this.properties.summaryEvery().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::summarize, summary, summary, TimeUnit.MILLISECONDS);
		this.running = true;
		logger.info("Simulating {} robots of fleet {} (time x{}); a task every {}", this.robots.size(),
				this.properties.fleet(), this.properties.timeScale(), this.properties.taskEvery());
	}

	private Operator client(String clientId, String clientSecret) {
		return new Operator(this.http, this.properties.cloudUrl(),
				new RobotToken(this.http,
						new CloudProperties(this.properties.cloudUrl(), "none", clientId, clientSecret,
								Duration.ofSeconds(2), Duration.ofMinutes(2)),
						this.json, Clock.systemUTC()),
				this.json);
	}

	private void summarize() {
		StringBuilder line = new StringBuilder("Fleet: tasks assigned ").append(this.dispatcher.assigned.get())
			.append(", queued ")
			.append(this.dispatcher.queued.get())
			.append(", refused ")
			.append(this.dispatcher.refused.get());
		for (SimulatedRobot robot : this.robots) {
			SimulatedRobot.Counts counts = robot.counts;
			line.append(String.format(
					"%n  %-14s %-10s battery %5.1f%%  done %d failed %d  telemetry %d  "
							+ "predictions local %d cloud %d  errors %d",
					robot.id(), robot.activity().name().toLowerCase(), robot.chargePct(), counts.completed.get(),
					counts.failed.get(), counts.telemetry.get(), counts.local.get(), counts.cloud.get(),
					counts.failures.get()));
		}
		logger.info("{}", line);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
		if (this.edges != null) {
			this.edges.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
