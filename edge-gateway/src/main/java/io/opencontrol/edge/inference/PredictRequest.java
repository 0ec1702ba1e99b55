package io.opencontrol.edge.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A /predict request: the cloud's body, plus the robot's latency budget. The inputs are
 * kept both as read (to forward to the cloud unchanged) and as tensors (for the local
 * runner).
 *
 * @param latencyBudgetMs how long the robot can wait for this answer; null when it does
 * not say
 */
record PredictRequest(String model, String version, List<Tensor> inputs, boolean highPriority, Integer timeoutMs,
		Integer latencyBudgetMs, ObjectNode cloudBody) {

	private static final Set<String> FIELDS = Set.of("model", "version", "inputs", "priority", "timeout_ms",
			"latency_budget_ms");

	static PredictRequest read(JsonNode body) {
		if (!body.isObject()) {
			throw new InvalidPrediction("the body must be a JSON object");
		}
		for (String field : body.propertyNames()) {
			if (!FIELDS.contains(field)) {
				throw new InvalidPrediction("unknown field '" + field + "'");
			}
		}
		String model = text(body, "model", true);
		String version = text(body, "version", false);
		String priority = text(body, "priority", false);
		if (priority != null && !priority.equals("high") && !priority.equals("normal")) {
			throw new InvalidPrediction("priority must be 'high' or 'normal', not '" + priority + "'");
		}
		JsonNode inputs = body.get("inputs");
		if (inputs == null || !inputs.isObject() || inputs.isEmpty()) {
			throw new InvalidPrediction("'inputs' must be an object of named inputs");
		}
		List<Tensor> tensors = new ArrayList<>();
		for (Map.Entry<String, JsonNode> input : inputs.properties()) {
			tensors.add(NestedArrays.read(input.getKey(), input.getValue()));
		}
		ObjectNode cloudBody = ((ObjectNode) body).deepCopy();
		cloudBody.remove("latency_budget_ms");
		return new PredictRequest(model, version, tensors, "high".equals(priority), millis(body, "timeout_ms"),
				millis(body, "latency_budget_ms"), cloudBody);
	}

	private static String text(JsonNode body, String field, boolean required) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				throw new InvalidPrediction("'" + field + "' is required");
			}
			return null;
		}
		if (!value.isString() || value.asString().isBlank()) {
			throw new InvalidPrediction("'" + field + "' must be a non-empty string");
		}
		return value.asString();
	}

	private static Integer millis(JsonNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > 600_000) {
			throw new InvalidPrediction("'" + field + "' must be a whole number of milliseconds, 1 to 600000");
		}
		return value.asInt();
	}

}
