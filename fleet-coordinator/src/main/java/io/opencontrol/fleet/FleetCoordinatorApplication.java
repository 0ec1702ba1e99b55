package io.opencontrol.fleet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Robots, tasks and their assignment. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FleetCoordinatorApplication {

	public static void main(String[] args) {
		SpringApplication.run(FleetCoordinatorApplication.class, args);
	}

}
