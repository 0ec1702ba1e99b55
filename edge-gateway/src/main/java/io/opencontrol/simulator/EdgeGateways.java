package io.opencontrol.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.opencontrol.edge.EdgeGatewayApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real edge gateway per simulated robot, each its own application context in this JVM
 * with its own port, journal, models and credentials: the robots go through the very code
 * a robot runs, at the cost of one process instead of N.
 */
class EdgeGateways implements AutoCloseable {

	private final SimulatorProperties properties;

	private final List<ConfigurableApplicationContext> started = new ArrayList<>();

	private int nextPort;

	EdgeGateways(SimulatorProperties properties) {
		this.properties = properties;
		this.nextPort = properties.firstEdgePort();
	}

	/** Starts the robot's edge gateway and answers its local API's address. */
	URI start(RobotCredentials robot) {
		Path home = this.properties.work().resolve(robot.robotId()).toAbsolutePath();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(EdgeGatewayApplication.class)
			// Logging is one for the whole JVM: its lines name the thread, not an
			// application.
			.properties("spring.main.banner-mode=off", "logging.include-application-name=false")
			.run("--spring.application.name=edge-" + robot.robotId(), "--server.port=" + port(),
					"--opencontrol.edge.cloud.url=" + this.properties.cloudUrl(),
					"--opencontrol.edge.cloud.robot-id=" + robot.robotId(),
					"--opencontrol.edge.cloud.client-id=" + robot.clientId(),
					"--opencontrol.edge.cloud.client-secret=" + robot.clientSecret(),
					"--opencontrol.edge.journal.directory=" + home.resolve("journal"),
					"--opencontrol.edge.inference.local-models=" + home.resolve("models"),
					// Small robots: one predictor each, and a smaller journal budget.
					"--opencontrol.edge.inference.local-concurrency=1", "--opencontrol.edge.journal.disk-budget=64MB");
		this.started.add(context);
		return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
	}

	private int port() {
		return (this.nextPort == 0) ? 0 : this.nextPort++;
	}

	@Override
	public void close() {
		for (ConfigurableApplicationContext context : this.started) {
			context.close();
		}
		this.started.clear();
	}

}
