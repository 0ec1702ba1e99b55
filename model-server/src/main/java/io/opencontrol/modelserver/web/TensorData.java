package io.opencontrol.modelserver.web;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.opencontrol.modelserver.inference.InvalidInput;
import io.opencontrol.modelserver.tensor.DataType;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a JSON tensor's data (a flat or nested array) straight into the binary layout,
 * converting while it parses. It never holds more than {@code maxElements}, a bound the
 * caller takes from the model's signature, so a request cannot make it allocate by what
 * it declares. Nested arrays must be rectangular; their dimensions are reported.
 *
 * <p>
 * When the datatype is not yet known (a JSON object may name it after the data), values
 * are held as FP64 and converted by {@link #convert} once it is.
 */
final class TensorData {

	private static final int MAX_DEPTH = 16;

	private final String input;

	private final DataType type;

	private final long maxElements;

	private ByteBuffer buffer;

	private long count;

	private final long[] dims = new long[MAX_DEPTH];

	private int rank = -1;

	private TensorData(String input, DataType type, long maxElements) {
		this.input = input;
		this.type = type;
		this.maxElements = maxElements;
		long initial = Math.min(maxElements, 4096) * type.bytes();
		this.buffer = ByteBuffer.allocate((int) initial).order(ByteOrder.LITTLE_ENDIAN);
	}

	/** The parsed data of one tensor; the parser is on the array's opening bracket. */
	record Parsed(DataType type, ByteBuffer data, long elements, long[] nestedDims) {

	}

	static Parsed read(JsonParser parser, String input, DataType type, long maxElements) {
		TensorData data = new TensorData(input, (type != null) ? type : DataType.FP64, maxElements);
		data.parse(parser, type == null);
		long[] nested = java.util.Arrays.copyOf(data.dims, Math.max(data.rank, 0));
		return new Parsed(data.type, data.buffer.flip(), data.count, nested);
	}

	private void parse(JsonParser parser, boolean deferred) {
		if (parser.currentToken() != JsonToken.START_ARRAY) {
			throw new InvalidInput("data of input '" + this.input + "' must be an array");
		}
		long[] seen = new long[MAX_DEPTH];
		java.util.Arrays.fill(this.dims, -1);
		int depth = 1;
		while (depth > 0) {
			JsonToken token = parser.nextToken();
			if (token == JsonToken.START_ARRAY) {
				seen[depth - 1]++;
				if (depth == MAX_DEPTH || (this.rank >= 0 && depth >= this.rank)) {
					throw ragged();
				}
				seen[depth++] = 0;
			}
			else if (token == JsonToken.END_ARRAY) {
				depth--;
				if (this.dims[depth] < 0) {
					this.dims[depth] = seen[depth];
				}
				else if (this.dims[depth] != seen[depth]) {
					throw ragged();
				}
			}
			else if (token != null && token.isScalarValue()) {
				seen[depth - 1]++;
				if (this.rank < 0) {
					this.rank = depth;
				}
				else if (this.rank != depth) {
					throw ragged();
				}
				append(parser, token, deferred);
			}
			else {
				throw new InvalidInput("data of input '" + this.input + "' may hold only numbers, booleans and arrays");
			}
		}
	}

	private void append(JsonParser parser, JsonToken token, boolean deferred) {
		if (++this.count > this.maxElements) {
			throw new InvalidInput("input '" + this.input + "' has more than " + this.maxElements
					+ " elements, the most its shape and the model allow");
		}
		if (this.buffer.remaining() < this.type.bytes()) {
			grow();
		}
		if (deferred) {
			this.buffer.putDouble(deferredValue(parser, token));
			return;
		}
		switch (this.type) {
			case FP32 -> this.buffer.putFloat(number(parser, token).getFloatValue());
			case FP64 -> this.buffer.putDouble(number(parser, token).getDoubleValue());
			case INT32 -> this.buffer.putInt(integer(parser, token, JsonParser.NumberType.INT).getIntValue());
			case INT64 -> this.buffer.putLong(integer(parser, token, JsonParser.NumberType.LONG).getLongValue());
			case BOOL -> this.buffer.put(bool(token));
		}
	}

	private double deferredValue(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
			return bool(token);
		}
		double value = number(parser, token).getDoubleValue();
		if (token == JsonToken.VALUE_NUMBER_INT && Math.abs(value) > (1L << 53)) {
			throw new InvalidInput(
					"input '" + this.input + "': name the datatype before the data for integers beyond 2^53");
		}
		return value;
	}

	private JsonParser number(JsonParser parser, JsonToken token) {
		if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
			throw new InvalidInput(
					"input '" + this.input + "' is " + this.type + " but its data holds " + parser.getString());
		}
		return parser;
	}

	private JsonParser integer(JsonParser parser, JsonToken token, JsonParser.NumberType widest) {
		if (token != JsonToken.VALUE_NUMBER_INT) {
			throw new InvalidInput(
					"input '" + this.input + "' is " + this.type + " but its data holds " + parser.getString());
		}
		JsonParser.NumberType type = parser.getNumberType();
		if (type == JsonParser.NumberType.BIG_INTEGER || (widest == JsonParser.NumberType.INT && type != widest)) {
			throw new InvalidInput(
					"input '" + this.input + "' holds " + parser.getString() + ", out of range for " + this.type);
		}
		return parser;
	}

	private byte bool(JsonToken token) {
		if (token == JsonToken.VALUE_TRUE) {
			return 1;
		}
		if (token == JsonToken.VALUE_FALSE) {
			return 0;
		}
		throw new InvalidInput("input '" + this.input + "' is BOOL but its data holds a " + token.asString());
	}

	private void grow() {
		long capacity = Math.min((long) this.buffer.capacity() * 2, this.maxElements * this.type.bytes());
		ByteBuffer bigger = ByteBuffer.allocate((int) Math.max(capacity, this.type.bytes()))
			.order(ByteOrder.LITTLE_ENDIAN);
		this.buffer.flip();
		bigger.put(this.buffer);
		this.buffer = bigger;
	}

	private InvalidInput ragged() {
		return new InvalidInput("data of input '" + this.input + "' is not a rectangular (row-major) array");
	}

	/**
	 * Converts values held as FP64 ({@link #read} without a type) to the tensor's
	 * datatype.
	 */
	static ByteBuffer convert(String input, ByteBuffer doubles, DataType type) {
		if (type == DataType.FP64) {
			return doubles;
		}
		ByteBuffer source = doubles.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		int elements = source.remaining() / 8;
		ByteBuffer out = ByteBuffer.allocate(elements * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < elements; i++) {
			double value = source.getDouble();
			switch (type) {
				case FP32 -> out.putFloat((float) value);
				case INT32 -> out.putInt((int) integral(input, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
				case INT64 -> out.putLong(integral(input, value, -(1L << 53), 1L << 53));
				case BOOL -> out.put((byte) integral(input, value, 0, 1));
				default -> throw new IllegalStateException(type.name());
			}
		}
		return out.flip();
	}

	private static long integral(String input, double value, long min, long max) {
		if (value != Math.rint(value) || value < min || value > max) {
			throw new InvalidInput("input '" + input + "' holds " + value + ", not a valid value of its datatype");
		}
		return (long) value;
	}

}
