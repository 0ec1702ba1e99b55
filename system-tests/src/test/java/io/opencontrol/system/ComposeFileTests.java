package io.opencontrol.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What deploy/compose.yaml promises without an engine: every image pinned (no floating
 * tag), OpenControl's own at the project's version, and ports published on loopback only.
 */
class ComposeFileTests {

	private static final Path COMPOSE = ServiceProcess.ROOT.resolve("deploy/compose.yaml");

	private static final Pattern IMAGE = Pattern.compile("^\\s+image: (\\S+)$", Pattern.MULTILINE);

	@Test
	void everyImageIsPinnedAndOursAtTheProjectVersion() throws IOException {
		String compose = Files.readString(COMPOSE);
		String version = ComposeStackIT.projectVersion();
		Matcher images = IMAGE.matcher(compose);
		int count = 0;
		while (images.find()) {
			String image = images.group(1);
			count++;
			String tag = image.substring(image.indexOf(':') + 1);
			assertThat(image).as("tagged").contains(":");
			assertThat(tag).as(image).isNotBlank().isNotEqualTo("latest");
			if (image.startsWith("opencontrol/")) {
				assertThat(image).endsWith(":${OPENCONTROL_VERSION:-" + version + "}");
			}
		}
		assertThat(count).isEqualTo(9);
	}

	@Test
	void onlyTheGatewayPrometheusAndGrafanaPublishPortsAndOnLoopback() throws IOException {
		List<String> published = Files.readAllLines(COMPOSE)
			.stream()
			.filter((line) -> line.matches("\\s+- \\$\\{OPENCONTROL_BIND.*"))
			.toList();
		assertThat(published).hasSize(3)
			.allMatch((line) -> line.contains("${OPENCONTROL_BIND:-127.0.0.1}:"))
			.anyMatch((line) -> line.contains("OPENCONTROL_GATEWAY_PORT"))
			.anyMatch((line) -> line.contains("OPENCONTROL_PROMETHEUS_PORT"))
			.anyMatch((line) -> line.contains("OPENCONTROL_GRAFANA_PORT"));
		assertThat(Files.readString(COMPOSE).split("\n\\s+ports:", -1)).hasSize(4);
	}

}
