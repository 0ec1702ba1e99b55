package io.opencontrol.edge.inference;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * /predict for the robot's software: the cloud's body and answer, with {@code source}
 * saying who answered ({@code local_edge} or {@code cloud_server}) and {@code route} why.
 */
@RestController
class PredictController {

	private final EdgeInference inference;

	private final JsonMapper json;

	PredictController(EdgeInference inference, JsonMapper json) {
		this.inference = inference;
		this.json = json;
	}

	@PostMapping(path = "/predict", produces = MediaType.APPLICATION_JSON_VALUE)
	ObjectNode predict(@RequestBody JsonNode body) throws InterruptedException {
		Prediction answer = this.inference.predict(PredictRequest.read(body));
		ObjectNode outputs = this.json.createObjectNode();
		answer.outputs().forEach((tensor) -> outputs.set(tensor.name(), NestedArrays.write(tensor)));
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("model", answer.model());
		fields.put("version", answer.version());
		ObjectNode node = this.json.valueToTree(fields);
		node.set("outputs", outputs);
		node.put("latency_ms", answer.latencyMs());
		node.put("source", answer.source().name().toLowerCase());
		node.put("route", answer.route());
		return node;
	}

}
