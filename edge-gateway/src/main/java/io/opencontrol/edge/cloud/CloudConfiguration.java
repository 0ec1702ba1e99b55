package io.opencontrol.edge.cloud;

import java.net.http.HttpClient;
import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One HTTP client to the cloud, shared by every path that talks to it. */
@Configuration(proxyBeanMethods = false)
class CloudConfiguration {

	@Bean
	HttpClient cloudHttpClient(CloudProperties properties) {
		// The gateway speaks HTTP/1.1 on plain connections; no h2c upgrade attempt.
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
	}

	@Bean
	RobotToken robotToken(HttpClient cloudHttpClient, CloudProperties properties, JsonMapper json) {
		return new RobotToken(cloudHttpClient, properties, json, Clock.systemUTC());
	}

	@Bean
	Cloud cloud(HttpClient cloudHttpClient, CloudProperties properties, RobotToken robotToken) {
		return new Cloud(cloudHttpClient, properties, robotToken);
	}

}
