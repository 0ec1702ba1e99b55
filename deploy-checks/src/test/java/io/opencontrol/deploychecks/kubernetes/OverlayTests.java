package io.opencontrol.deploychecks.kubernetes;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay, and every composition README documents, renders and passes every check:
 * the Kubernetes 1.32 schema and CRD schemas, the API server's semantic rules and
 * OpenControl's policy.
 */
class OverlayTests {

	static Stream<String> overlays() {
		return Overlays.all();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void passesEveryCheck(String overlay) {
		Rendering rendering = Overlays.render(overlay);
		assertThat(rendering.objects()).isNotEmpty();
		assertThat(OverlayChecks.findings(overlay.startsWith("dev") ? "dev" : overlay, rendering)).isEmpty();
	}

}
