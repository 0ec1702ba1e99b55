package io.opencontrol.simulator;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A simulated fleet: robots on the fleet's map, each behind its own edge gateway (the
 * real one, started in this JVM), doing the work the coordinator assigns while a
 * dispatcher keeps assigning more. Started by {@code bin/opencontrol demo [N]}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FleetSimulatorApplication {

	public static void main(String[] args) {
		// Its own configuration file: application.yaml is the edge gateways'.
		new SpringApplicationBuilder(FleetSimulatorApplication.class).web(WebApplicationType.NONE)
			.properties("spring.config.name=simulator", "logging.include-application-name=false")
			.run(args);
	}

}
