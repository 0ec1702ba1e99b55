package io.opencontrol.platform.startup;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import io.opencontrol.platform.database.DatabasePreflightAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad configuration stops a service with one log line that names the variable or the
 * host, and no stack trace: what a container that restarts on it shows, again and again.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupRefusalTests {

	@Test
	void aMissingDatabasePasswordNamesItsVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/fleet",
				"--spring.datasource.username=fleet"))
			.hasRootCauseInstanceOf(SettingMissing.class);
		assertThat(refusal(output)).contains("SPRING_DATASOURCE_PASSWORD");
	}

	@Test
	void anUnreachableDatabaseNamesItsHostWithoutThePoolsStackTrace(CapturedOutput output) throws IOException {
		int closed = closedPort();
		assertThatThrownBy(() -> start("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closed + "/fleet",
				"--spring.datasource.username=fleet", "--spring.datasource.password=secret",
				"--opencontrol.database.reachable-within=1s"))
			.hasRootCauseInstanceOf(StartupRefused.class);
		assertThat(refusal(output)).contains("127.0.0.1:" + closed, "SPRING_DATASOURCE_URL", "within 1s");
	}

	@Test
	void anUnknownProfileIsNamedWithTheKnownOnes(CapturedOutput output) {
		assertThatThrownBy(() -> start("--spring.profiles.active=local,prodction")).isInstanceOf(ProfileUnknown.class);
		assertThat(refusal(output)).contains("'prodction'", "SPRING_PROFILES_ACTIVE", "its profiles: local");
	}

	@Test
	void theLocalProfileAndAReachableDatabaseStart() throws IOException {
		try (ServerSocket database = new ServerSocket(0)) {
			start("--spring.profiles.active=local",
					"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + database.getLocalPort() + "/fleet",
					"--spring.datasource.username=fleet", "--spring.datasource.password=secret")
				.close();
		}
	}

	/** The one line the service logged, checked to be the only trace of the failure. */
	private static String refusal(CapturedOutput output) {
		List<String> lines = output.getAll().lines().filter((line) -> line.contains("Not started: ")).toList();
		assertThat(lines).hasSize(1);
		assertThat(output.getAll()).doesNotContain("\tat ", "APPLICATION FAILED TO START");
		return lines.get(0);
	}

	private static org.springframework.context.ConfigurableApplicationContext start(String... arguments) {
		return new SpringApplicationBuilder(StartupApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run(arguments);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DatabasePreflightAutoConfiguration.class })
	static class StartupApplication {

	}

}
