package io.opencontrol.deploychecks.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pod-running objects of a rendering and how label selectors pick among them. */
final class Workloads {

	private Workloads() {
	}

	static List<RenderedObject> of(Rendering rendering) {
		return rendering.objects()
			.stream()
			.filter((object) -> object.kind().equals("Deployment") || object.kind().equals("StatefulSet"))
			.toList();
	}

	/**
	 * A selector's matchLabels select labels when every pair is among them ({} selects
	 * all).
	 */
	static boolean selects(Map<String, String> matchLabels, Map<String, String> labels) {
		return labels.entrySet().containsAll(matchLabels.entrySet());
	}

	/**
	 * The number of a named or numbered port among a workload's containers, with its
	 * protocol.
	 */
	static Optional<String> resolvePort(RenderedObject workload, Object port) {
		return workload.containers()
			.flatMap((container) -> container.get("ports").elements())
			.filter((declared) -> port instanceof String name ? name.equals(declared.get("name").text())
					: String.valueOf(port).equals(declared.get("containerPort").text()))
			.map((declared) -> declared.get("containerPort").text() + "/"
					+ Optional.ofNullable(declared.get("protocol").text()).orElse("TCP"))
			.findFirst();
	}

}
