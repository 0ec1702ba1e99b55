package io.opencontrol.modelserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Dynamic-batching model server. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ModelServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ModelServerApplication.class, args);
	}

}
