package io.opencontrol.edge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The on-robot gateway. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EdgeGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(EdgeGatewayApplication.class, args);
	}

}
