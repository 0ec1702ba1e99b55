package io.opencontrol.deploychecks.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Every check an overlay must pass: the API server's and OpenControl's own. */
final class OverlayChecks {

	static final SchemaValidator SCHEMA = SchemaValidator.kubernetes132();

	private OverlayChecks() {
	}

	static List<Check> forOverlay(String overlay) {
		boolean dev = overlay.equals("dev");
		List<Check> checks = new ArrayList<>(List.of(SCHEMA::validate, new ApiServerRules(), new WorkloadPolicy(),
				new DisruptionPolicy(), new NetworkPolicyGraph(Set.of("gateway")), new References(dev)));
		if (!dev) {
			checks.add(new ProductionPolicy());
		}
		return checks;
	}

	static List<Finding> findings(String overlay, Rendering rendering) {
		return forOverlay(overlay).stream().flatMap((check) -> check.check(rendering).stream()).toList();
	}

}
