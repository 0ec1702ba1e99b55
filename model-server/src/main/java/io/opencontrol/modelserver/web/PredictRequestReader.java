package io.opencontrol.modelserver.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opencontrol.modelserver.batching.Priority;
import io.opencontrol.modelserver.inference.Inference;
import io.opencontrol.modelserver.inference.InferenceCall;
import io.opencontrol.modelserver.inference.InvalidInput;
import io.opencontrol.modelserver.repository.ModelConfig;
import io.opencontrol.modelserver.tensor.DataType;
import io.opencontrol.modelserver.tensor.Shape;
import io.opencontrol.modelserver.tensor.Tensor;
import io.opencontrol.modelserver.tensor.TensorSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Parses the original design's {@code POST /predict} body: {@code model}, optional
 * {@code version}, {@code inputs} as nested arrays with the batch first (their shape is
 * their nesting), optional {@code priority} and {@code timeout_ms}. Each input's datatype
 * comes from the model's signature; its size is bounded by it.
 */
final class PredictRequestReader {

	private final Inference inference;

	private final long maxBytes;

	private String model;

	private String version;

	private ModelConfig config;

	private final Map<String, TensorData.Parsed> inputs = new LinkedHashMap<>();

	private Priority priority = Priority.NORMAL;

	private Duration timeout;

	PredictRequestReader(Inference inference, long maxBytes) {
		this.inference = inference;
		this.maxBytes = maxBytes;
	}

	InferenceCall read(LimitedInput body) {
		try (JsonParser parser = OipRequestReader.JSON.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new InvalidInput("the body must be a JSON object");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (field) {
					case "model" -> this.model = text(parser, value, "model");
					case "version" -> this.version = (value == JsonToken.VALUE_NUMBER_INT) ? parser.getString()
							: text(parser, value, "version");
					case "inputs" -> readInputs(parser, value);
					case "priority" -> this.priority = RequestParameters.priority(text(parser, value, "priority"));
					case "timeout_ms" -> this.timeout = timeout(parser, value);
					default -> throw new InvalidInput("unknown field '" + field + "'");
				}
			}
		}
		catch (JacksonException ex) {
			throw new InvalidInput("the body is not valid JSON: " + ex.getOriginalMessage());
		}
		if (this.model == null) {
			throw new InvalidInput("model is required");
		}
		if (this.inputs.isEmpty()) {
			throw new InvalidInput("inputs is required and must name at least one input");
		}
		return new InferenceCall(this.model, this.version, tensors(), Set.of(), this.priority, this.timeout);
	}

	private void readInputs(JsonParser parser, JsonToken value) {
		if (value != JsonToken.START_OBJECT) {
			throw new InvalidInput("inputs must be an object of input names to nested arrays");
		}
		if (this.model != null && this.config == null) {
			this.config = this.inference.signature(this.model, this.version);
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			parser.nextToken();
			TensorSpec spec = (this.config != null) ? spec(name) : null;
			// Without the model yet, values are held as FP64 within the largest input any
			// served model takes.
			long bound = Math.min(this.maxBytes / 8,
					(spec != null) ? spec.maxElements(this.config.maxBatchSize()) : this.inference.largestInput());
			this.inputs.put(name, TensorData.read(parser, name, (spec != null) ? spec.datatype() : null, bound));
		}
	}

	private List<Tensor> tensors() {
		if (this.config == null) {
			this.config = this.inference.signature(this.model, this.version);
		}
		List<Tensor> tensors = new ArrayList<>();
		this.inputs.forEach((name, parsed) -> {
			DataType type = spec(name).datatype();
			if (parsed.nestedDims().length == 0) {
				throw new InvalidInput("input '" + name + "' must be a nested array with the batch first");
			}
			Shape shape = Shape.of(parsed.nestedDims());
			tensors.add(new Tensor(name, type, shape,
					(parsed.type() == type) ? parsed.data() : TensorData.convert(name, parsed.data(), type)));
		});
		return tensors;
	}

	private TensorSpec spec(String name) {
		return this.config.input(name)
			.orElseThrow(() -> new InvalidInput("unknown input '" + name + "'; model " + this.config.name()
					+ " expects " + this.config.inputs().stream().map(TensorSpec::name).toList()));
	}

	private static String text(JsonParser parser, JsonToken value, String field) {
		if (value != JsonToken.VALUE_STRING) {
			throw new InvalidInput(field + " must be a string");
		}
		return parser.getString();
	}

	private static Duration timeout(JsonParser parser, JsonToken value) {
		if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
			throw new InvalidInput("timeout_ms must be a whole number of milliseconds");
		}
		return RequestParameters.timeout(Duration.ofMillis(Math.max(0, parser.getIntValue())));
	}

}
