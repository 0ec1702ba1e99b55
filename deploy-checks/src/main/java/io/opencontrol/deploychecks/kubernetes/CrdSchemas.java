package io.opencontrol.deploychecks.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.opencontrol.deploychecks.kubernetes.FieldType.ListOf;
import io.opencontrol.deploychecks.kubernetes.FieldType.MapOf;
import io.opencontrol.deploychecks.kubernetes.FieldType.OneOf;
import io.opencontrol.deploychecks.kubernetes.FieldType.Reference;
import io.opencontrol.deploychecks.kubernetes.FieldType.Scalar;
import io.opencontrol.deploychecks.kubernetes.FieldType.ScalarKind;

/**
 * The schemas of the custom resources k8s/ uses (ServiceMonitor, PrometheusRule, Rollout,
 * AnalysisTemplate, ScaledObject, ...), as deploy-checks/crd-schemas/generate.sh
 * extracted them from the CRDs' published OpenAPI schemas; the file names its sources and
 * their versions. The Kubernetes types inside them (ObjectMeta, PodTemplateSpec) refer to
 * {@link KubernetesModels}.
 */
final class CrdSchemas {

	private static final String RESOURCE = "crd-schemas.json";

	private final String source;

	private final Map<String, String> kinds;

	private final Map<String, ObjectSchema> types;

	private CrdSchemas(String source, Map<String, String> kinds, Map<String, ObjectSchema> types) {
		this.source = source;
		this.kinds = Map.copyOf(kinds);
		this.types = Map.copyOf(types);
	}

	static CrdSchemas load() {
		try (InputStream in = CrdSchemas.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing: run deploy-checks/crd-schemas/generate.sh");
			}
			JsonNode json = JsonMapper.shared().readTree(in);
			Map<String, String> kinds = new HashMap<>();
			json.get("kinds").properties().forEach((entry) -> kinds.put(entry.getKey(), entry.getValue().asString()));
			Map<String, ObjectSchema> types = new HashMap<>();
			json.get("types")
				.properties()
				.forEach((entry) -> types.put(entry.getKey(), objectSchema(entry.getValue())));
			return new CrdSchemas(json.get("source").asString(), kinds, types);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String source() {
		return this.source;
	}

	/** The schema name of a custom kind: {@code keda.sh/v1alpha1/ScaledObject}. */
	Optional<String> served(String apiVersion, String kind) {
		return Optional.ofNullable(this.kinds.get(apiVersion + "/" + kind));
	}

	Optional<ObjectSchema> schema(String name) {
		return Optional.ofNullable(this.types.get(name));
	}

	private static ObjectSchema objectSchema(JsonNode type) {
		Map<String, FieldType> fields = new HashMap<>();
		Set<String> required = new HashSet<>();
		type.properties().forEach((entry) -> {
			fields.put(entry.getKey(), fieldType(entry.getValue().get("type")));
			if (entry.getValue().get("required").asBoolean()) {
				required.add(entry.getKey());
			}
		});
		return new ObjectSchema(fields, required);
	}

	private static FieldType fieldType(JsonNode type) {
		if (type.isString()) {
			return new Scalar(switch (type.asString()) {
				case "string" -> ScalarKind.STRING;
				// TypeScript has no integers: a CRD's integer fields arrive as numbers
				case "number" -> ScalarKind.NUMBER;
				case "boolean" -> ScalarKind.BOOLEAN;
				case "int-or-string" -> ScalarKind.INT_OR_STRING;
				case "quantity" -> ScalarKind.QUANTITY;
				case "any" -> ScalarKind.ANY;
				default -> throw new IllegalStateException("unknown type " + type);
			});
		}
		if (type.has("enum")) {
			List<String> values = new ArrayList<>();
			type.get("enum").forEach((value) -> values.add(value.asString()));
			return new OneOf(values);
		}
		if (type.has("array")) {
			return new ListOf(fieldType(type.get("array")));
		}
		if (type.has("map")) {
			return new MapOf(fieldType(type.get("map")));
		}
		if (type.has("ref")) {
			return new Reference(type.get("ref").asString());
		}
		if (type.has("kubernetes")) {
			return new Reference(type.get("kubernetes").asString());
		}
		throw new IllegalStateException("unknown type " + type);
	}

}
