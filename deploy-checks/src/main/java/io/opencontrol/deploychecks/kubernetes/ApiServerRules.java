package io.opencontrol.deploychecks.kubernetes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The semantic validation the API server applies after decoding, which no schema
 * expresses: name formats, selectors that match their templates, names that references
 * resolve to inside one object, quantities, and the ordering rules of autoscalers and
 * budgets.
 */
public final class ApiServerRules implements Check {

	/** Kinds whose names are DNS-1035 labels (a Service's name becomes a DNS label). */
	private static final Set<String> LABEL_NAMED = Set.of("Service");

	/** Kinds whose names are DNS-1123 labels. */
	private static final Set<String> DNS_LABEL_NAMED = Set.of("Namespace");

	@Override
	public List<Finding> check(Rendering rendering) {
		List<Finding> findings = new ArrayList<>();
		for (RenderedObject object : rendering.objects()) {
			checkMetadata(object, object.at("metadata"), findings);
			checkSelector(object, findings);
			object.podSpec().ifPresent((spec) -> checkPodSpec(object, spec, findings));
			object.podTemplate().ifPresent((template) -> checkLabels(object, template.at("metadata.labels"), findings));
			switch (object.kind()) {
				case "HorizontalPodAutoscaler" ->
					checkReplicaRange(object, "spec.minReplicas", "spec.maxReplicas", 1, findings);
				case "ScaledObject" ->
					checkReplicaRange(object, "spec.minReplicaCount", "spec.maxReplicaCount", 0, findings);
				case "PodDisruptionBudget" -> checkBudget(object, findings);
				case "Service" -> checkServicePorts(object, findings);
				default -> {
				}
			}
		}
		return findings;
	}

	private static void checkMetadata(RenderedObject object, Node metadata, List<Finding> findings) {
		Node name = metadata.get("name");
		String kind = object.kind();
		if (name.missing()) {
			findings.add(name.finding(object, "required: every object has a name"));
		}
		else if (LABEL_NAMED.contains(kind) && !Names.isDns1035Label(name.text())) {
			findings.add(name.finding(object, "must be a DNS-1035 label (a-z, 0-9, '-', starting with a letter)"));
		}
		else if (DNS_LABEL_NAMED.contains(kind) && !Names.isDns1123Label(name.text())) {
			findings.add(name.finding(object, "must be a DNS-1123 label"));
		}
		else if (!Names.isDns1123Subdomain(name.text())) {
			findings.add(name.finding(object, "must be a DNS-1123 subdomain (lower case a-z, 0-9, '-', '.')"));
		}
		Node namespace = metadata.get("namespace");
		if (!namespace.missing() && !Names.isDns1123Label(namespace.text())) {
			findings.add(namespace.finding(object, "must be a DNS-1123 label"));
		}
		checkLabels(object, metadata.get("labels"), findings);
		metadata.get("annotations").entries().forEach((entry) -> {
			if (!Names.isQualifiedName(entry.getKey())) {
				findings.add(entry.getValue().finding(object, "annotation key is not a qualified name"));
			}
		});
	}

	private static void checkLabels(RenderedObject object, Node labels, List<Finding> findings) {
		labels.entries().forEach((entry) -> {
			if (!Names.isQualifiedName(entry.getKey())) {
				findings.add(entry.getValue().finding(object, "label key is not a qualified name"));
			}
			else if (!Names.isLabelValue(entry.getValue().text())) {
				findings.add(entry.getValue()
					.finding(object, "label value is not valid (63 characters, alphanumeric ends)"));
			}
		});
	}

	/** A workload's selector must select its own pod template. */
	private static void checkSelector(RenderedObject object, List<Finding> findings) {
		Optional<Node> template = object.podTemplate();
		if (template.isEmpty() || object.kind().equals("Job")) {
			return;
		}
		Node selector = object.at("spec.selector");
		if (selector.missing()) {
			findings.add(selector.finding(object, "required: a selector for the pod template's labels"));
			return;
		}
		Map<String, String> labels = object.podLabels();
		selector.get("matchLabels").entries().forEach((entry) -> {
			if (!entry.getValue().text().equals(labels.get(entry.getKey()))) {
				findings.add(entry.getValue()
					.finding(object, "selector does not match template labels: the template has " + entry.getKey() + "="
							+ labels.get(entry.getKey())));
			}
		});
		if (selector.get("matchLabels").strings().isEmpty() && selector.get("matchExpressions").missing()) {
			findings.add(selector.finding(object, "empty selector: it must select the template's labels"));
		}
	}

	private static void checkPodSpec(RenderedObject object, Node spec, List<Finding> findings) {
		Set<String> volumes = new HashSet<>();
		spec.get("volumes").elements().forEach((volume) -> {
			Node name = volume.get("name");
			if (!Names.isDns1123Label(name.text())) {
				findings.add(name.finding(object, "must be a DNS-1123 label"));
			}
			else if (!volumes.add(name.text())) {
				findings.add(name.finding(object, "duplicate volume name " + name.text()));
			}
		});
		// a StatefulSet's claim templates are volumes of its pods too
		object.at("spec.volumeClaimTemplates")
			.elements()
			.forEach((claim) -> volumes.add(claim.at("metadata.name").text()));
		Set<String> containerNames = new HashSet<>();
		Set<String> portNames = new HashSet<>();
		object.allContainers().forEach((container) -> {
			Node name = container.get("name");
			if (!Names.isDns1123Label(name.text())) {
				findings.add(name.finding(object, "must be a DNS-1123 label"));
			}
			else if (!containerNames.add(name.text())) {
				findings.add(name.finding(object, "duplicate container name " + name.text()));
			}
			Set<String> ownPorts = checkContainerPorts(object, container, portNames, findings);
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				for (String handler : List.of("httpGet", "tcpSocket", "grpc")) {
					Node port = container.get(probe).get(handler).get("port");
					if (port.value() instanceof String portName && !ownPorts.contains(portName)) {
						findings.add(port.finding(object,
								"names port \"" + portName + "\", which the container does not declare " + ownPorts));
					}
				}
			}
			container.get("volumeMounts").elements().forEach((mount) -> {
				Node volume = mount.get("name");
				if (!volumes.contains(volume.text())) {
					findings.add(volume.finding(object,
							"mounts volume \"" + volume.text() + "\", which the pod does not have"));
				}
			});
			checkResources(object, container.get("resources"), findings);
		});
	}

	private static Set<String> checkContainerPorts(RenderedObject object, Node container, Set<String> podPortNames,
			List<Finding> findings) {
		Set<String> own = new HashSet<>();
		container.get("ports").elements().forEach((port) -> {
			Node number = port.get("containerPort");
			if (number.value() instanceof Integer value && (value < 1 || value > 65535)) {
				findings.add(number.finding(object, "must be between 1 and 65535"));
			}
			Node name = port.get("name");
			if (name.missing()) {
				return;
			}
			if (!Names.isPortName(name.text())) {
				findings.add(name.finding(object, "must be an IANA service name (15 characters, a-z, 0-9, '-')"));
			}
			else if (!podPortNames.add(name.text())) {
				findings.add(name.finding(object, "duplicate port name " + name.text() + " in the pod"));
			}
			own.add(name.text());
		});
		return own;
	}

	private static void checkResources(RenderedObject object, Node resources, List<Finding> findings) {
		Map<String, String> limits = resources.get("limits").strings();
		resources.get("requests").entries().forEach((entry) -> {
			Optional<BigDecimal> request = Quantities.parse(entry.getValue().value());
			Optional<BigDecimal> limit = Optional.ofNullable(limits.get(entry.getKey())).flatMap(Quantities::parse);
			if (request.isPresent() && limit.isPresent() && request.get().compareTo(limit.get()) > 0) {
				findings.add(entry.getValue()
					.finding(object, "must be less than or equal to the " + entry.getKey() + " limit "
							+ limits.get(entry.getKey())));
			}
		});
	}

	private static void checkReplicaRange(RenderedObject object, String minPath, String maxPath, int lowest,
			List<Finding> findings) {
		Node min = object.at(minPath);
		Node max = object.at(maxPath);
		int minimum = (min.value() instanceof Integer value) ? value : 1;
		if (minimum < lowest) {
			findings.add(min.finding(object, "must be at least " + lowest));
		}
		if (max.value() instanceof Integer maximum && minimum > maximum) {
			findings.add(min.finding(object, "must be less than or equal to " + maxPath + " (" + maximum + ")"));
		}
	}

	private static void checkBudget(RenderedObject object, List<Finding> findings) {
		boolean min = !object.at("spec.minAvailable").missing();
		boolean max = !object.at("spec.maxUnavailable").missing();
		if (min == max) {
			findings
				.add(object.at("spec").finding(object, "exactly one of minAvailable and maxUnavailable must be set"));
		}
	}

	private static void checkServicePorts(RenderedObject object, List<Finding> findings) {
		List<Node> ports = object.at("spec.ports").elements().toList();
		Set<String> names = new HashSet<>();
		for (Node port : ports) {
			Node name = port.get("name");
			if (name.missing() && ports.size() > 1) {
				findings.add(name.finding(object, "required when a Service has more than one port"));
			}
			else if (!name.missing() && (!Names.isDns1123Label(name.text()) || !names.add(name.text()))) {
				findings.add(name.finding(object, "must be a unique DNS-1123 label"));
			}
			Node target = port.get("targetPort");
			if (target.value() instanceof String targetName && !Names.isPortName(targetName)) {
				findings.add(target.finding(object, "must be a port number or an IANA service name"));
			}
		}
		Set<String> duplicates = ports.stream()
			.map((port) -> port.get("port").text() + "/"
					+ Optional.ofNullable(port.get("protocol").text()).orElse("TCP"))
			.collect(Collectors.groupingBy((key) -> key, Collectors.counting()))
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 1)
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
		if (!duplicates.isEmpty()) {
			findings.add(object.at("spec.ports").finding(object, "duplicate ports " + duplicates));
		}
	}

}
