package io.opencontrol.deploychecks.kubernetes;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.opencontrol.deploychecks.kubernetes.FieldType.ListOf;
import io.opencontrol.deploychecks.kubernetes.FieldType.MapOf;
import io.opencontrol.deploychecks.kubernetes.FieldType.OneOf;
import io.opencontrol.deploychecks.kubernetes.FieldType.Reference;
import io.opencontrol.deploychecks.kubernetes.FieldType.Scalar;

/**
 * Validates rendered objects the way a strict API server decodes them
 * ({@code kubectl apply
 * --validate=strict}): the kind must be served by its apiVersion in Kubernetes 1.32 or be
 * one of the committed CRDs; every field must be known, of its JSON type and present
 * where required.
 */
public final class SchemaValidator {

	private final KubernetesModels kubernetes;

	private final CrdSchemas crds;

	private SchemaValidator(KubernetesModels kubernetes, CrdSchemas crds) {
		this.kubernetes = kubernetes;
		this.crds = crds;
	}

	/** The Kubernetes 1.32 API and the committed CRD schemas. */
	public static SchemaValidator kubernetes132() {
		return new SchemaValidator(KubernetesModels.load(), CrdSchemas.load());
	}

	public String crdSource() {
		return this.crds.source();
	}

	public List<Finding> validate(Rendering rendering) {
		List<Finding> findings = new ArrayList<>();
		rendering.objects().forEach((object) -> findings.addAll(validate(object)));
		return findings;
	}

	public List<Finding> validate(RenderedObject object) {
		List<Finding> findings = new ArrayList<>();
		String apiVersion = object.apiVersion();
		String kind = object.kind();
		Optional<String> type = this.crds.served(apiVersion, kind).or(() -> this.kubernetes.served(apiVersion, kind));
		if (type.isEmpty()) {
			findings.add(object.root()
				.get("apiVersion")
				.finding(object, "kind " + kind + " is not served by " + apiVersion
						+ " in Kubernetes 1.32, nor by a CRD with a committed schema"));
			return findings;
		}
		check(object, object.root(), new Reference(type.get()), findings);
		return findings;
	}

	private void check(RenderedObject object, Node node, FieldType type, List<Finding> findings) {
		if (node.missing()) {
			return;
		}
		Object value = node.value();
		if (type instanceof Scalar scalar) {
			checkScalar(object, node, scalar, findings);
		}
		else if (type instanceof OneOf oneOf) {
			if (!oneOf.values().contains(value)) {
				findings.add(node.finding(object, "must be one of " + oneOf.values() + ", not " + value));
			}
		}
		else if (type instanceof ListOf list) {
			if (value instanceof List<?>) {
				node.elements().forEach((element) -> check(object, element, list.element(), findings));
			}
			else {
				findings.add(node.finding(object, "expected a list, found " + describe(value)));
			}
		}
		else if (type instanceof MapOf map) {
			if (value instanceof Map<?, ?>) {
				node.entries().forEach((entry) -> check(object, entry.getValue(), map.value(), findings));
			}
			else {
				findings.add(node.finding(object, "expected a map, found " + describe(value)));
			}
		}
		else if (type instanceof Reference reference) {
			checkObject(object, node, reference, findings);
		}
	}

	private void checkObject(RenderedObject object, Node node, Reference reference, List<Finding> findings) {
		if (!(node.value() instanceof Map<?, ?> map)) {
			findings.add(node.finding(object, "expected an object, found " + describe(node.value())));
			return;
		}
		ObjectSchema schema = schema(reference.name());
		for (Object key : map.keySet()) {
			String field = String.valueOf(key);
			FieldType fieldType = schema.fields().get(field);
			if (fieldType == null) {
				findings.add(node.get(field)
					.finding(object, "unknown field \"" + field + "\" (" + typeName(reference) + " has "
							+ new TreeSet<>(schema.fields().keySet()) + ")"));
			}
			else {
				check(object, node.get(field), fieldType, findings);
			}
		}
		for (String field : new TreeSet<>(schema.required())) {
			if (!map.containsKey(field)) {
				findings.add(node.get(field).finding(object, "required field \"" + field + "\" is missing"));
			}
		}
	}

	private ObjectSchema schema(String name) {
		Optional<ObjectSchema> schema = name.contains("/") ? this.crds.schema(name) : this.kubernetes.schema(name);
		return schema.orElseThrow(() -> new IllegalStateException("no schema for type " + name));
	}

	private static void checkScalar(RenderedObject object, Node node, Scalar scalar, List<Finding> findings) {
		Object value = node.value();
		boolean integer = value instanceof Integer || value instanceof Long || value instanceof BigInteger;
		String expected = switch (scalar.kind()) {
			case STRING -> (value instanceof String) ? null : "a string";
			case INTEGER -> integer ? null : "an integer";
			case NUMBER -> (value instanceof Number) ? null : "a number";
			case BOOLEAN -> (value instanceof Boolean) ? null : "a boolean";
			case INT_OR_STRING -> (integer || value instanceof String) ? null : "an integer or a string";
			case QUANTITY ->
				(value instanceof Number || (value instanceof String text && Quantities.parse(text).isPresent())) ? null
						: "a quantity (such as 500m, 1.5, 256Mi)";
			case ANY -> null;
		};
		if (expected != null) {
			findings.add(node.finding(object, "expected " + expected + ", found " + describe(value)));
		}
	}

	private static String typeName(Reference reference) {
		String name = reference.name();
		return name.substring(name.lastIndexOf('/') + 1);
	}

	private static String describe(Object value) {
		if (value instanceof String text) {
			return "the string \"" + text + "\"";
		}
		if (value instanceof Map<?, ?>) {
			return "an object";
		}
		if (value instanceof List<?>) {
			return "a list";
		}
		return value.getClass().getSimpleName().toLowerCase() + " " + value;
	}

}
