package io.opencontrol.auth.demo;

import java.util.List;

import io.opencontrol.auth.access.ClientAccess;
import io.opencontrol.auth.access.ClientRegistrations;
import io.opencontrol.auth.server.AuthProperties;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Creates the demo clients {@code demo-admin}, {@code demo-operator}, {@code demo-viewer}
 * and {@code demo-robot} at start-up. Local profile only: no other deployment has them.
 */
@Component
@Profile("local")
@EnableConfigurationProperties(DemoProperties.class)
class DemoIdentities implements ApplicationRunner {

	private final ClientRegistrations registrations;

	private final DemoProperties demo;

	private final AuthProperties auth;

	DemoIdentities(ClientRegistrations registrations, DemoProperties demo, AuthProperties auth) {
		this.registrations = registrations;
		this.demo = demo;
		this.auth = auth;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<String> ownFleet = List.of(this.demo.fleet());
		register("admin", new ClientAccess(List.of("admin"), List.of("*"), null));
		register("operator", new ClientAccess(List.of("operator"), ownFleet, null));
		register("viewer", new ClientAccess(List.of("viewer"), ownFleet, null));
		register("robot", new ClientAccess(List.of("robot"), ownFleet, this.demo.robotId()));
	}

	private void register(String role, ClientAccess rights) {
		this.registrations.registerMachineClient("demo-" + role, "Local demo " + role, this.demo.clientSecret(),
				this.auth.accessTokenTimeToLive(), rights);
	}

}
