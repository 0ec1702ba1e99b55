package io.opencontrol.deploychecks.kubernetes;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One object of a rendered kustomization, as parsed from kubectl kustomize's output.
 *
 * @param body the object's fields
 */
public record RenderedObject(Map<String, Object> body) {

	private static final Set<String> POD_CONTROLLERS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
			"Job", "Rollout");

	public Node root() {
		return Node.root(this.body);
	}

	public String apiVersion() {
		return root().get("apiVersion").text();
	}

	public String kind() {
		return root().get("kind").text();
	}

	public String name() {
		return root().at("metadata.name").text();
	}

	/** {@code Kind/name}, as kubectl names an object. */
	public String id() {
		return kind() + "/" + name();
	}

	public Node at(String dottedPath) {
		return root().at(dottedPath);
	}

	/** The pod template of a workload ({@code spec.template}); empty for other kinds. */
	public Optional<Node> podTemplate() {
		Node template = at("spec.template");
		return (POD_CONTROLLERS.contains(kind()) && !template.missing()) ? Optional.of(template) : Optional.empty();
	}

	/** The pod spec of a workload's template; empty for other kinds. */
	public Optional<Node> podSpec() {
		return podTemplate().map((template) -> template.get("spec"));
	}

	/** The init containers and containers of a workload's pods. */
	public Stream<Node> allContainers() {
		return podSpec().stream()
			.flatMap((spec) -> Stream.concat(spec.get("initContainers").elements(), spec.get("containers").elements()));
	}

	/** The long-running containers of a workload's pods (not the init containers). */
	public Stream<Node> containers() {
		return podSpec().stream().flatMap((spec) -> spec.get("containers").elements());
	}

	/** The labels a workload's pods carry. */
	public Map<String, String> podLabels() {
		return podTemplate().map((template) -> template.at("metadata.labels").strings()).orElse(Map.of());
	}

}
