package io.opencontrol.modelserver.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.opencontrol.modelserver.batching.Priority;
import io.opencontrol.modelserver.inference.InvalidInput;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A {@code parameters} object, kept to its scalar values (nested values are skipped
 * without being held), and the few the server acts on.
 */
final class RequestParameters {

	private static final int MAX_ENTRIES = 64;

	private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

	private final Map<String, Object> values;

	private RequestParameters(Map<String, Object> values) {
		this.values = values;
	}

	static RequestParameters none() {
		return new RequestParameters(Map.of());
	}

	/** Reads the object the parser is on. */
	static RequestParameters read(JsonParser parser, String where) {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			throw new InvalidInput(where + " must be an object");
		}
		Map<String, Object> values = new HashMap<>();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken token = parser.nextToken();
			if (values.size() == MAX_ENTRIES) {
				throw new InvalidInput(where + " has more than " + MAX_ENTRIES + " entries");
			}
			switch (token) {
				case VALUE_STRING -> values.put(name, parser.getString());
				case VALUE_NUMBER_INT -> values.put(name, parser.getNumberValue());
				case VALUE_NUMBER_FLOAT -> values.put(name, parser.getDoubleValue());
				case VALUE_TRUE, VALUE_FALSE -> values.put(name, token == JsonToken.VALUE_TRUE);
				default -> parser.skipChildren();
			}
		}
		return new RequestParameters(values);
	}

	boolean flag(String name) {
		Object value = this.values.get(name);
		if (value != null && !(value instanceof Boolean)) {
			throw new InvalidInput("parameter " + name + " must be true or false");
		}
		return Boolean.TRUE.equals(value);
	}

	Long size(String name) {
		Object value = this.values.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
			throw new InvalidInput("parameter " + name + " must be a non-negative integer, was " + value);
		}
		return ((Number) value).longValue();
	}

	Priority priority() {
		return priority(this.values.get("priority"));
	}

	/**
	 * "high" or "normal"; Triton's integers, where 1 is the highest level, are taken too.
	 */
	static Priority priority(Object value) {
		if (value == null || "normal".equals(value)) {
			return Priority.NORMAL;
		}
		if ("high".equals(value) || (value instanceof Integer level && level == 1)) {
			return Priority.HIGH;
		}
		if (value instanceof Integer level && level >= 0) {
			return Priority.NORMAL;
		}
		throw new InvalidInput("priority must be \"high\" or \"normal\", was " + value);
	}

	/** {@code timeout} in microseconds (Triton's unit), if given. */
	Duration timeout() {
		Long micros = size("timeout");
		return (micros == null) ? null
				: timeout(Duration.ofNanos(Math.multiplyExact(Math.min(micros, 1L << 40), 1000L)));
	}

	static Duration timeout(Duration timeout) {
		if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
			throw new InvalidInput("timeout must be positive and at most " + MAX_TIMEOUT.toMinutes() + " minutes");
		}
		return timeout;
	}

}
