package io.opencontrol.deploychecks.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the NetworkPolicies of a rendering let through, as connections
 * {@code from -> to:port/protocol} between its workloads and the peers outside them
 * (anywhere, an address block, pods of other namespaces). A connection between two
 * workloads needs both the source's egress and the destination's ingress to allow it, as
 * in the cluster.
 */
public final class NetworkPolicyGraph implements Check {

	static final String ANYWHERE = "anywhere";

	private final Set<String> publicWorkloads;

	/**
	 * @param publicWorkloads the workloads that may accept connections from anywhere
	 */
	public NetworkPolicyGraph(Set<String> publicWorkloads) {
		this.publicWorkloads = Set.copyOf(publicWorkloads);
	}

	/** Every connection the policies allow, sorted. */
	public static Set<String> connections(Rendering rendering) {
		List<RenderedObject> workloads = Workloads.of(rendering);
		List<RenderedObject> policies = rendering.ofKind("NetworkPolicy");
		Set<String> connections = new TreeSet<>();
		for (RenderedObject source : workloads) {
			for (RenderedObject destination : workloads) {
				Set<String> egress = allowed(policies, source, destination, "Egress", destination);
				Set<String> ingress = allowed(policies, destination, source, "Ingress", destination);
				egress.retainAll(ingress);
				egress.forEach((port) -> connections.add(source.name() + " -> " + destination.name() + ":" + port));
			}
		}
		for (RenderedObject workload : workloads) {
			external(policies, workload, "Ingress", "from", connections);
			external(policies, workload, "Egress", "to", connections);
		}
		return connections;
	}

	@Override
	public List<Finding> check(Rendering rendering) {
		List<Finding> findings = new ArrayList<>();
		List<RenderedObject> policies = rendering.ofKind("NetworkPolicy");
		boolean denyAll = policies.stream().anyMatch(NetworkPolicyGraph::deniesAll);
		if (!denyAll && !Workloads.of(rendering).isEmpty()) {
			findings.add(new Finding("NetworkPolicy/*", "spec",
					"no policy denies all ingress and egress (podSelector {}, policyTypes [Ingress, Egress], no rules)"));
		}
		for (RenderedObject policy : policies) {
			policy.at("spec.egress").elements().forEach((rule) -> {
				if (rule.get("to").elements().findAny().isEmpty() || rule.get("to")
					.elements()
					.anyMatch(
							(peer) -> peer.at("ipBlock.cidr").is("0.0.0.0/0") || peer.at("ipBlock.cidr").is("::/0"))) {
					findings.add(rule.get("to").finding(policy, "allows egress to anywhere: name the peers"));
				}
			});
			Map<String, String> selector = policy.at("spec.podSelector.matchLabels").strings();
			boolean onlyPublic = !selector.isEmpty() && Workloads.of(rendering)
				.stream()
				.filter((workload) -> Workloads.selects(selector, workload.podLabels()))
				.allMatch((workload) -> this.publicWorkloads.contains(workload.name()));
			policy.at("spec.ingress").elements().forEach((rule) -> {
				if (rule.get("from").elements().findAny().isEmpty() && !onlyPublic) {
					findings.add(rule.get("from")
						.finding(policy, "allows ingress from anywhere to pods other than " + this.publicWorkloads));
				}
			});
		}
		for (RenderedObject workload : Workloads.of(rendering)) {
			boolean named = policies.stream().anyMatch((policy) -> {
				Map<String, String> selector = policy.at("spec.podSelector.matchLabels").strings();
				return !selector.isEmpty() && !selector.containsKey("app.kubernetes.io/part-of")
						&& Workloads.selects(selector, workload.podLabels());
			});
			if (!named) {
				findings.add(workload.at("spec.template.metadata.labels")
					.finding(workload, "no NetworkPolicy selects these pods by name to allow their real peers"));
			}
		}
		return findings;
	}

	private static boolean deniesAll(RenderedObject policy) {
		return policy.at("spec.podSelector").strings().isEmpty()
				&& policy.at("spec.podSelector.matchExpressions").missing()
				&& policy.at("spec.policyTypes")
					.elements()
					.map(Node::text)
					.collect(Collectors.toSet())
					.equals(Set.of("Ingress", "Egress"))
				&& policy.at("spec.ingress").missing() && policy.at("spec.egress").missing();
	}

	private static List<RenderedObject> selecting(List<RenderedObject> policies, RenderedObject workload,
			String direction) {
		return policies.stream()
			.filter((policy) -> types(policy).contains(direction))
			.filter((policy) -> Workloads.selects(policy.at("spec.podSelector.matchLabels").strings(),
					workload.podLabels()))
			.toList();
	}

	private static Set<String> types(RenderedObject policy) {
		Set<String> types = policy.at("spec.policyTypes").elements().map(Node::text).collect(Collectors.toSet());
		if (types.isEmpty()) {
			types.add("Ingress");
			if (!policy.at("spec.egress").missing()) {
				types.add("Egress");
			}
		}
		return types;
	}

	/**
	 * The ports of {@code destination} that the {@code direction} rules of the policies
	 * selecting {@code subject} open towards {@code peer}.
	 */
	private static Set<String> allowed(List<RenderedObject> policies, RenderedObject subject, RenderedObject peer,
			String direction, RenderedObject destination) {
		List<RenderedObject> applying = selecting(policies, subject, direction);
		Set<String> all = allPorts(destination);
		if (applying.isEmpty()) {
			return new TreeSet<>(all);
		}
		Set<String> ports = new TreeSet<>();
		String field = direction.equals("Ingress") ? "from" : "to";
		for (RenderedObject policy : applying) {
			policy.at("spec." + direction.toLowerCase()).elements().forEach((rule) -> {
				boolean matches = rule.get(field).elements().findAny().isEmpty() || rule.get(field)
					.elements()
					.anyMatch((candidate) -> candidate.get("namespaceSelector").missing()
							&& candidate.get("ipBlock").missing()
							&& Workloads.selects(candidate.at("podSelector.matchLabels").strings(), peer.podLabels()));
				if (matches) {
					ports.addAll(rulePorts(rule, destination, all));
				}
			});
		}
		return ports;
	}

	private static Set<String> rulePorts(Node rule, RenderedObject destination, Set<String> all) {
		if (rule.get("ports").elements().findAny().isEmpty()) {
			return all;
		}
		return rule.get("ports")
			.elements()
			.map((port) -> Workloads.resolvePort(destination, port.get("port").value())
				.map((resolved) -> resolved.replaceAll("/.*", "/" + protocol(port))))
			.flatMap(Optional::stream)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static Set<String> allPorts(RenderedObject workload) {
		return workload.containers()
			.flatMap((container) -> container.get("ports").elements())
			.map((port) -> port.get("containerPort").text() + "/" + protocol(port))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static String protocol(Node port) {
		return Optional.ofNullable(port.get("protocol").text()).orElse("TCP");
	}

	/** Connections with peers that are not workloads of this rendering. */
	private static void external(List<RenderedObject> policies, RenderedObject workload, String direction, String field,
			Set<String> connections) {
		for (RenderedObject policy : selecting(policies, workload, direction)) {
			policy.at("spec." + direction.toLowerCase()).elements().forEach((rule) -> {
				List<String> peers = new ArrayList<>();
				if (rule.get(field).elements().findAny().isEmpty()) {
					peers.add(ANYWHERE);
				}
				rule.get(field).elements().forEach((peer) -> {
					if (!peer.get("ipBlock").missing()) {
						peers.add(peer.at("ipBlock.cidr").text());
					}
					else if (!peer.get("namespaceSelector").missing()) {
						peers.add("namespaces" + new TreeMap<>(peer.at("namespaceSelector.matchLabels").strings())
								+ "/pods" + new TreeMap<>(peer.at("podSelector.matchLabels").strings()));
					}
				});
				for (String peer : peers) {
					rule.get("ports").elements().forEach((port) -> {
						Object number = port.get("port").value();
						String resolved = direction.equals("Ingress") ? Workloads.resolvePort(workload, number)
							.map((p) -> p.replaceAll("/.*", ""))
							.orElse(String.valueOf(number)) : String.valueOf(number);
						String target = resolved + "/" + protocol(port);
						connections.add(direction.equals("Ingress") ? peer + " -> " + workload.name() + ":" + target
								: workload.name() + " -> " + peer + ":" + target);
					});
					if (rule.get("ports").elements().findAny().isEmpty()) {
						connections.add(direction.equals("Ingress") ? peer + " -> " + workload.name() + ":*"
								: workload.name() + " -> " + peer + ":*");
					}
				}
			});
		}
	}

}
