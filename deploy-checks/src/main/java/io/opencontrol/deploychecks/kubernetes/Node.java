package io.opencontrol.deploychecks.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A value inside a rendered object with the path that leads to it, so every rule reports
 * the field it is about in the form
 * {@code spec.template.spec.containers[0].ports[1].name}. Missing fields are nodes too:
 * navigation never fails, {@link #missing()} says whether there was a value.
 *
 * @param value the parsed YAML value, or {@code null} where the field is absent
 * @param path the path from the object's root
 */
public record Node(Object value, String path) {

	static Node root(Map<String, Object> body) {
		return new Node(body, "");
	}

	public Node get(String field) {
		Object child = (this.value instanceof Map<?, ?> map) ? map.get(field) : null;
		return new Node(child, this.path.isEmpty() ? field : this.path + "." + field);
	}

	/**
	 * An entry of a map whose keys are not field names (labels, annotations, resources).
	 */
	public Node key(String key) {
		Object child = (this.value instanceof Map<?, ?> map) ? map.get(key) : null;
		return new Node(child, this.path + "[" + key + "]");
	}

	/** Follows a dotted path of field names: {@code at("spec.template.spec")}. */
	public Node at(String dottedPath) {
		Node node = this;
		for (String field : dottedPath.split("\\.")) {
			node = node.get(field);
		}
		return node;
	}

	public boolean missing() {
		return this.value == null;
	}

	/**
	 * The elements of a list, each with its index in the path; none where this is no
	 * list.
	 */
	public Stream<Node> elements() {
		if (!(this.value instanceof List<?> list)) {
			return Stream.empty();
		}
		return IntStream.range(0, list.size()).mapToObj((i) -> new Node(list.get(i), this.path + "[" + i + "]"));
	}

	/** The entries of a map, each keyed in the path; none where this is no map. */
	public Stream<Map.Entry<String, Node>> entries() {
		if (!(this.value instanceof Map<?, ?> map)) {
			return Stream.empty();
		}
		return map.entrySet()
			.stream()
			.map((entry) -> Map.entry(String.valueOf(entry.getKey()),
					new Node(entry.getValue(), this.path + "[" + entry.getKey() + "]")));
	}

	/** The map of string values here (labels, selectors), empty where there is none. */
	public Map<String, String> strings() {
		if (!(this.value instanceof Map<?, ?> map)) {
			return Map.of();
		}
		return map.entrySet()
			.stream()
			.collect(java.util.stream.Collectors.toMap((entry) -> String.valueOf(entry.getKey()),
					(entry) -> String.valueOf(entry.getValue())));
	}

	public String text() {
		return (this.value != null) ? String.valueOf(this.value) : null;
	}

	public boolean is(Object expected) {
		return expected.equals(this.value);
	}

	Finding finding(RenderedObject object, String problem) {
		return new Finding(object.id(), this.path.isEmpty() ? "(object)" : this.path, problem);
	}

}
