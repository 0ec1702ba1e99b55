package io.opencontrol.modelserver.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.opencontrol.modelserver.inference.InvalidInput;
import io.opencontrol.modelserver.inference.Signature;
import io.opencontrol.modelserver.repository.ModelConfig;
import io.opencontrol.modelserver.tensor.DataType;
import io.opencontrol.modelserver.tensor.Shape;
import io.opencontrol.modelserver.tensor.Tensor;
import io.opencontrol.modelserver.tensor.TensorSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses an OIP inference request: a JSON body, or with the binary tensor data extension
 * a JSON header of {@code Inference-Header-Content-Length} bytes followed by each binary
 * input's raw data in order. Declared shapes are checked against the model before any
 * data is read, and nothing is allocated beyond what the model's signature allows.
 */
final class OipRequestReader {

	static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

	private static final int MAX_RANK = 16;

	private final ModelConfig config;

	private final long maxBytes;

	OipRequestReader(ModelConfig config, long maxBytes) {
		this.config = config;
		this.maxBytes = maxBytes;
	}

	OipRequest read(LimitedInput body, Long headerLength) throws IOException {
		if (headerLength == null) {
			try (JsonParser parser = JSON.createParser(body)) {
				return parse(parser, body, false);
			}
			catch (JacksonException ex) {
				throw new InvalidInput("the body is not a valid inference request: " + ex.getOriginalMessage());
			}
		}
		if (headerLength < 2 || headerLength > this.maxBytes) {
			throw new InvalidInput(
					"Inference-Header-Content-Length must be between 2 and the body's length, was " + headerLength);
		}
		byte[] header = body.readExactly(headerLength.intValue(), "the JSON header");
		OipRequest request;
		try (JsonParser parser = JSON.createParser(header)) {
			request = parse(parser, body, true);
		}
		catch (JacksonException ex) {
			throw new InvalidInput("the inference header is not valid JSON: " + ex.getOriginalMessage());
		}
		if (body.read() >= 0) {
			throw new InvalidInput("the body has bytes after the last binary input");
		}
		return request;
	}

	private OipRequest parse(JsonParser parser, LimitedInput body, boolean binary) throws IOException {
		expect(parser.nextToken(), JsonToken.START_OBJECT, "the request");
		String id = null;
		RequestParameters parameters = RequestParameters.none();
		List<Draft> inputs = new ArrayList<>();
		OutputChoice outputs = new OutputChoice();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (field) {
				case "id" -> id = string(parser, value, "id");
				case "parameters" -> parameters = RequestParameters.read(parser, "parameters");
				case "inputs" -> {
					expect(value, JsonToken.START_ARRAY, "inputs");
					while (parser.nextToken() == JsonToken.START_OBJECT) {
						inputs.add(input(parser));
					}
				}
				case "outputs" -> outputs.read(parser, value);
				default -> throw new InvalidInput("unknown field '" + field + "' in the request");
			}
		}
		if (inputs.isEmpty()) {
			throw new InvalidInput("the request has no inputs");
		}
		List<Tensor> tensors = new ArrayList<>();
		for (Draft draft : inputs) {
			tensors.add(draft.finish(binary ? body : null));
		}
		return new OipRequest(id, tensors, outputs.names, outputs.binary, parameters.flag("binary_data_output"),
				parameters.priority(), parameters.timeout());
	}

	private Draft input(JsonParser parser) {
		Draft draft = new Draft();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (field) {
				case "name" -> draft.name(string(parser, value, "input name"));
				case "datatype" -> draft.datatype(string(parser, value, "datatype"));
				case "shape" -> draft.shape(shape(parser, value));
				case "parameters" ->
					draft.binarySize = RequestParameters.read(parser, "input parameters").size("binary_data_size");
				case "data" -> draft.data(parser);
				default -> throw new InvalidInput("unknown field '" + field + "' in an input");
			}
		}
		return draft;
	}

	private static long[] shape(JsonParser parser, JsonToken value) {
		expect(value, JsonToken.START_ARRAY, "shape");
		long[] dims = new long[MAX_RANK];
		int rank = 0;
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || rank == MAX_RANK
					|| parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER || parser.getLongValue() < 0) {
				throw new InvalidInput("shape must be a list of at most " + MAX_RANK + " non-negative integers");
			}
			dims[rank++] = parser.getLongValue();
		}
		return Arrays.copyOf(dims, rank);
	}

	private static String string(JsonParser parser, JsonToken value, String what) {
		expect(value, JsonToken.VALUE_STRING, what);
		return parser.getString();
	}

	private static void expect(JsonToken actual, JsonToken expected, String what) {
		if (actual != expected) {
			throw new InvalidInput(what + " must be " + switch (expected) {
				case START_OBJECT -> "an object";
				case START_ARRAY -> "an array";
				default -> "a string";
			});
		}
	}

	/** One input as its fields arrive, in whatever order. */
	private final class Draft {

		private String name;

		private DataType datatype;

		private Shape shape;

		private TensorSpec spec;

		private Long binarySize;

		private TensorData.Parsed data;

		void name(String name) {
			this.name = name;
			this.spec = OipRequestReader.this.config.input(name)
				.orElseThrow(() -> new InvalidInput(
						"unknown input '" + name + "'; model " + OipRequestReader.this.config.name() + " expects "
								+ OipRequestReader.this.config.inputs().stream().map(TensorSpec::name).toList()));
			check();
		}

		void datatype(String name) {
			this.datatype = DataType.named(name)
				.orElseThrow(() -> new InvalidInput(
						"unsupported datatype '" + name + "' (supported: FP32, FP64, INT32, INT64, BOOL)"));
			check();
		}

		void shape(long[] dims) {
			this.shape = Shape.of(dims);
			check();
		}

		/**
		 * Checks what is known as early as possible: a declared shape before its data is
		 * read.
		 */
		private void check() {
			if (this.spec != null && this.datatype != null && this.shape != null) {
				Signature.checkShape(this.spec, this.datatype, this.shape, OipRequestReader.this.config.maxBatchSize());
				long bytes;
				try {
					bytes = Math.multiplyExact(this.shape.elements(), this.datatype.bytes());
				}
				catch (ArithmeticException ex) {
					bytes = Long.MAX_VALUE;
				}
				if (bytes > OipRequestReader.this.maxBytes
						|| Arrays.stream(this.shape.dims()).anyMatch((dim) -> dim > Integer.MAX_VALUE)) {
					throw new InvalidInput("input '" + this.name + "' declares shape " + this.shape
							+ ", more data than the " + OipRequestReader.this.maxBytes + " bytes a request may carry");
				}
			}
		}

		void data(JsonParser parser) {
			boolean known = this.spec != null && this.datatype != null && this.shape != null;
			long bound = known ? this.shape.elements() : largestInput();
			DataType type = known ? this.datatype : null;
			this.data = TensorData.read(parser, (this.name != null) ? this.name : "?", type, bound);
		}

		private long largestInput() {
			long bytesBound = OipRequestReader.this.maxBytes / 8;
			return OipRequestReader.this.config.inputs()
				.stream()
				.mapToLong(
						(input) -> Math.min(input.maxElements(OipRequestReader.this.config.maxBatchSize()), bytesBound))
				.max()
				.orElse(0);
		}

		Tensor finish(LimitedInput body) throws IOException {
			if (this.name == null || this.datatype == null || this.shape == null) {
				throw new InvalidInput("every input needs a name, a datatype and a shape");
			}
			long elements = this.shape.elements();
			if (this.data != null) {
				if (this.binarySize != null) {
					throw new InvalidInput("input '" + this.name + "' has both data and binary_data_size");
				}
				if (this.data.elements() != elements) {
					throw new InvalidInput("input '" + this.name + "' has " + this.data.elements()
							+ " elements, its shape " + this.shape + " needs " + elements);
				}
				ByteBuffer bytes = (this.data.type() == this.datatype) ? this.data.data()
						: TensorData.convert(this.name, this.data.data(), this.datatype);
				return new Tensor(this.name, this.datatype, this.shape, bytes);
			}
			if (this.binarySize == null || body == null) {
				throw new InvalidInput("input '" + this.name + "' has no data"
						+ ((body == null) ? "" : " and no parameters.binary_data_size"));
			}
			long expected = elements * this.datatype.bytes();
			if (this.binarySize != expected) {
				throw new InvalidInput("input '" + this.name + "' declares binary_data_size " + this.binarySize
						+ ", its shape " + this.shape + " of " + this.datatype + " needs " + expected);
			}
			byte[] raw = body.readExactly((int) expected, "input '" + this.name + "'");
			return new Tensor(this.name, this.datatype, this.shape,
					ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN));
		}

	}

	/** The request's {@code outputs}: which to return, and which as binary data. */
	private static final class OutputChoice {

		private final Set<String> names = new HashSet<>();

		private final Set<String> binary = new HashSet<>();

		void read(JsonParser parser, JsonToken value) {
			expect(value, JsonToken.START_ARRAY, "outputs");
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				String name = null;
				boolean asBinary = false;
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String field = parser.currentName();
					JsonToken token = parser.nextToken();
					switch (field) {
						case "name" -> name = string(parser, token, "output name");
						case "parameters" ->
							asBinary = RequestParameters.read(parser, "output parameters").flag("binary_data");
						default -> throw new InvalidInput("unknown field '" + field + "' in an output");
					}
				}
				if (name == null) {
					throw new InvalidInput("every requested output needs a name");
				}
				this.names.add(name);
				if (asBinary) {
					this.binary.add(name);
				}
			}
		}

	}

}
