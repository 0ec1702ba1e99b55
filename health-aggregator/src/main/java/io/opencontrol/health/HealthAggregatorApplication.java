package io.opencontrol.health;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** One fleet-wide health view. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HealthAggregatorApplication {

	public static void main(String[] args) {
		SpringApplication.run(HealthAggregatorApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
