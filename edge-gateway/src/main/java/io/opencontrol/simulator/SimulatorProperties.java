package io.opencontrol.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated fleet.
 *
 * @param cloudUrl the OpenControl gateway the edge gateways and the dispatcher use
 * @param fleet the fleet the robots belong to (registered, with its map and chargers)
 * @param credentials a file with one robot per line: robot id, client id, client secret
 * @param work where each robot's edge gateway keeps its journal and models
 * @param operatorClientId the client the dispatcher assigns tasks as (operator role)
 * @param operatorClientSecret its secret
 * @param timeScale simulated seconds per real second (travel, work, battery)
 * @param tick how often each robot acts
 * @param telemetryEvery how often each robot sends telemetry
 * @param inferenceEvery how often each robot asks its model for an action
 * @param stateEvery how often each robot reports where it is
 * @param taskEvery how often the dispatcher assigns a new task to the fleet
 * @param summaryEvery how often the fleet's state is logged
 * @param battery the robots' energy model
 * @param enrol the robots to register before the simulation starts, for a simulator that
 * runs without bin/opencontrol (the compose fleet profile)
 * @param firstEdgePort the local port of the first robot's edge gateway, the next robots
 * taking the ports after it; 0 gives each edge gateway any free port
 */
@ConfigurationProperties("opencontrol.simulator")
public record SimulatorProperties(@DefaultValue("http://localhost:8080") URI cloudUrl,
		@DefaultValue("demo-fleet") String fleet, Path credentials, Path work,
		@DefaultValue("demo-operator") String operatorClientId, @DefaultValue("") String operatorClientSecret,
		@DefaultValue("1.0") double timeScale, @DefaultValue("250ms") Duration tick,
		@DefaultValue("1s") Duration telemetryEvery, @DefaultValue("2s") Duration inferenceEvery,
		@DefaultValue("1s") Duration stateEvery, @DefaultValue("5s") Duration taskEvery,
		@DefaultValue("10s") Duration summaryEvery, @DefaultValue Battery battery, @DefaultValue Enrolment enrol,
		@DefaultValue("0") int firstEdgePort) {

	public SimulatorProperties {
		if (credentials == null || work == null) {
			throw new IllegalArgumentException(
					"opencontrol.simulator.credentials and opencontrol.simulator.work must be set");
		}
		if (timeScale <= 0) {
			throw new IllegalArgumentException("opencontrol.simulator.time-scale must be positive, not " + timeScale);
		}
		if (firstEdgePort < 0 || firstEdgePort > 65535) {
			throw new IllegalArgumentException(
					"opencontrol.simulator.first-edge-port must be a port or 0, not " + firstEdgePort);
		}
	}

	/**
	 * @param robots how many robots ({@code sim-robot-1..N}) to register, each with its
	 * client, kept in the credentials file; 0 takes the credentials file as it is
	 * @param adminClientId the client that registers them (admin role)
	 * @param adminClientSecret its secret
	 */
	public record Enrolment(@DefaultValue("0") int robots, @DefaultValue("demo-admin") String adminClientId,
			@DefaultValue("") String adminClientSecret) {

		public Enrolment {
			if (robots < 0 || robots > 50) {
				throw new IllegalArgumentException(
						"opencontrol.simulator.enrol.robots must be from 0 to 50, not " + robots);
			}
			if (robots > 0 && adminClientSecret.isBlank()) {
				throw new IllegalArgumentException(
						"opencontrol.simulator.enrol.admin-client-secret must be set to enrol robots");
			}
		}

	}

	/**
	 * @param drainPerMetrePct charge used per metre driven
	 * @param drainPerWorkSecondPct charge used per second of work
	 * @param chargePerSecondPct charge gained per second on a charger
	 * @param lowPct below this an idle robot goes to charge
	 * @param fullPct a charging robot goes back to work at this charge
	 */
	public record Battery(@DefaultValue("0.05") double drainPerMetrePct,
			@DefaultValue("0.01") double drainPerWorkSecondPct, @DefaultValue("1.0") double chargePerSecondPct,
			@DefaultValue("30") double lowPct, @DefaultValue("95") double fullPct) {
	}

}
