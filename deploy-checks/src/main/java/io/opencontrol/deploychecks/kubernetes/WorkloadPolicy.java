package io.opencontrol.deploychecks.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenControl's rules for every pod it runs: hardened (the restricted Pod Security
 * Standard and a read-only root with a writable /tmp), limited, probed on the actuator
 * health groups, drained gracefully, spread over nodes and zones, rolled without losing
 * capacity.
 */
public final class WorkloadPolicy implements Check {

	/**
	 * Spring Boot's graceful shutdown phase and the model-server's drain both fit in 30
	 * s.
	 */
	private static final int SHUTDOWN_SECONDS = 30;

	private static final Map<String, String> ACTUATOR_GROUPS = Map.of("livenessProbe", "/actuator/health/liveness",
			"readinessProbe", "/actuator/health/readiness", "startupProbe", "/actuator/health/liveness");

	private static final List<String> SPREAD_TOPOLOGIES = List.of("kubernetes.io/hostname",
			"topology.kubernetes.io/zone");

	@Override
	public List<Finding> check(Rendering rendering) {
		List<Finding> findings = new ArrayList<>();
		for (RenderedObject workload : Workloads.of(rendering)) {
			Node spec = workload.podSpec().orElseThrow();
			checkPodSecurity(rendering, workload, spec, findings);
			workload.allContainers().forEach((container) -> {
				checkContainerSecurity(workload, spec, container, findings);
				checkResources(workload, container, findings);
				checkImage(workload, container, findings);
			});
			workload.containers().forEach((container) -> {
				checkProbes(workload, container, findings);
				checkWritableTmp(workload, spec, container, findings);
			});
			if (workload.kind().equals("Deployment")) {
				checkShutdown(workload, spec, findings);
				checkSpread(workload, spec, findings);
				checkRollingUpdate(workload, findings);
			}
		}
		return findings;
	}

	private static void checkPodSecurity(Rendering rendering, RenderedObject workload, Node spec,
			List<Finding> findings) {
		Node automount = spec.get("automountServiceAccountToken");
		boolean accountMountsNoToken = rendering
			.find("ServiceAccount", String.valueOf(spec.get("serviceAccountName").text()))
			.map((account) -> account.at("automountServiceAccountToken").is(false))
			.orElse(false);
		// the pod's setting wins over its ServiceAccount's
		if (automount.is(true) || (automount.missing() && !accountMountsNoToken)) {
			findings.add(automount.finding(workload, "must be false: no OpenControl pod talks to the Kubernetes API"));
		}
		Node nonRoot = spec.at("securityContext.runAsNonRoot");
		if (!nonRoot.is(true) && workload.allContainers()
			.anyMatch((container) -> !container.at("securityContext.runAsNonRoot").is(true))) {
			findings.add(nonRoot.finding(workload, "must be true (restricted Pod Security Standard)"));
		}
		Node seccomp = spec.at("securityContext.seccompProfile.type");
		if (!seccomp.is("RuntimeDefault") && !seccomp.is("Localhost")) {
			findings.add(seccomp.finding(workload, "must be RuntimeDefault (restricted Pod Security Standard)"));
		}
	}

	private static void checkContainerSecurity(RenderedObject workload, Node spec, Node container,
			List<Finding> findings) {
		Node context = container.get("securityContext");
		if (!context.get("readOnlyRootFilesystem").is(true)) {
			findings.add(context.get("readOnlyRootFilesystem").finding(workload, "must be true"));
		}
		if (!context.get("allowPrivilegeEscalation").is(false)) {
			findings.add(context.get("allowPrivilegeEscalation").finding(workload, "must be false"));
		}
		if (context.get("privileged").is(true)) {
			findings.add(context.get("privileged").finding(workload, "must not be true"));
		}
		Node drop = context.at("capabilities.drop");
		if (drop.elements().noneMatch((capability) -> capability.is("ALL"))) {
			findings.add(drop.finding(workload, "must drop ALL capabilities"));
		}
		Node add = context.at("capabilities.add");
		add.elements()
			.filter((capability) -> !capability.is("NET_BIND_SERVICE"))
			.forEach((capability) -> findings.add(capability.finding(workload, "adds a capability")));
	}

	private static void checkResources(RenderedObject workload, Node container, List<Finding> findings) {
		for (String kind : List.of("requests", "limits")) {
			for (String resource : List.of("cpu", "memory")) {
				Node value = container.get("resources").get(kind).key(resource);
				if (value.missing()) {
					findings.add(value.finding(workload, "required: every container has " + resource + " " + kind));
				}
			}
		}
	}

	private static void checkImage(RenderedObject workload, Node container, List<Finding> findings) {
		Node image = container.get("image");
		String reference = String.valueOf(image.text());
		String lastPart = reference.substring(reference.lastIndexOf('/') + 1);
		if (!lastPart.contains(":") && !reference.contains("@") || reference.endsWith(":latest")) {
			findings.add(image.finding(workload, "must name a version (a tag other than latest, or a digest)"));
		}
	}

	private static void checkProbes(RenderedObject workload, Node container, List<Finding> findings) {
		for (Map.Entry<String, String> probe : ACTUATOR_GROUPS.entrySet()) {
			Node node = container.get(probe.getKey());
			if (node.missing()) {
				findings.add(
						node.finding(workload, "required: every container has startup, liveness and readiness probes"));
			}
			else if (workload.kind().equals("Deployment") && !node.at("httpGet.path").is(probe.getValue())) {
				findings.add(
						node.at("httpGet.path").finding(workload, "must probe the actuator group " + probe.getValue()));
			}
		}
	}

	private static void checkWritableTmp(RenderedObject workload, Node spec, Node container, List<Finding> findings) {
		Set<String> emptyDirs = new java.util.HashSet<>();
		spec.get("volumes")
			.elements()
			.filter((volume) -> !volume.get("emptyDir").missing())
			.forEach((volume) -> emptyDirs.add(volume.get("name").text()));
		boolean tmp = container.get("volumeMounts")
			.elements()
			.anyMatch((mount) -> mount.get("mountPath").is("/tmp") && emptyDirs.contains(mount.get("name").text()));
		if (!tmp) {
			findings.add(container.get("volumeMounts")
				.finding(workload, "must mount an emptyDir at /tmp (the root file system is read-only)"));
		}
	}

	private static void checkShutdown(RenderedObject workload, Node spec, List<Finding> findings) {
		Node grace = spec.get("terminationGracePeriodSeconds");
		int graceSeconds = (grace.value() instanceof Integer value) ? value : 30;
		workload.containers().forEach((container) -> {
			Node pause = container.at("lifecycle.preStop.sleep.seconds");
			if (!(pause.value() instanceof Integer seconds) || seconds < 1) {
				findings.add(pause.finding(workload,
						"required: a preStop pause, so endpoints and load balancers drop the pod before it stops"));
			}
			else if (graceSeconds < seconds + SHUTDOWN_SECONDS) {
				findings.add(grace.finding(workload, "must cover the preStop pause (" + seconds + " s) and the "
						+ SHUTDOWN_SECONDS + " s drain, not " + graceSeconds + " s"));
			}
		});
	}

	private static void checkSpread(RenderedObject workload, Node spec, List<Finding> findings) {
		for (String topology : SPREAD_TOPOLOGIES) {
			boolean spread = spec.get("topologySpreadConstraints")
				.elements()
				.anyMatch((constraint) -> constraint.get("topologyKey").is(topology)
						&& Workloads.selects(constraint.at("labelSelector.matchLabels").strings(), workload.podLabels())
						&& !constraint.at("labelSelector.matchLabels").strings().isEmpty());
			if (!spread) {
				findings.add(spec.get("topologySpreadConstraints")
					.finding(workload, "must spread the pods over " + topology));
			}
		}
	}

	private static void checkRollingUpdate(RenderedObject workload, List<Finding> findings) {
		Node unavailable = workload.at("spec.strategy.rollingUpdate.maxUnavailable");
		if (!unavailable.is(0) && !unavailable.is("0%")) {
			findings.add(unavailable.finding(workload, "must be 0: a rolling update never lowers serving capacity"));
		}
	}

}
