package io.opencontrol.modelserver.repository;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.convert.DurationStyle;

/**
 * One node of a {@code config.yaml} with its path, so that every refusal names the file,
 * the field and the value it found.
 */
final class ConfigField {

	private final Path file;

	private final String path;

	private final JsonNode node;

	ConfigField(Path file, String path, JsonNode node) {
		this.file = file;
		this.path = path;
		this.node = node;
	}

	ConfigField field(String name) {
		JsonNode child = (this.node == null) ? null : this.node.get(name);
		return new ConfigField(this.file, this.path.isEmpty() ? name : this.path + "." + name, child);
	}

	boolean present() {
		return this.node != null && !this.node.isNull();
	}

	InvalidModelConfig invalid(String reason) {
		return new InvalidModelConfig(this.file, this.path, present() ? text() : null, reason);
	}

	/**
	 * Refuses fields other than these, so that a misspelt setting is not silently
	 * ignored.
	 */
	void allowOnly(Set<String> names) {
		if (!present()) {
			return;
		}
		if (!this.node.isObject()) {
			throw invalid("must be a mapping");
		}
		for (String name : this.node.propertyNames()) {
			if (!names.contains(name)) {
				throw field(name)
					.invalid("unknown field (known: " + String.join(", ", names.stream().sorted().toList()) + ")");
			}
		}
	}

	String text() {
		return this.node.isValueNode() ? this.node.asString() : this.node.toString();
	}

	String string(String fallback) {
		if (!present()) {
			if (fallback == null) {
				throw invalid("is required");
			}
			return fallback;
		}
		if (!this.node.isString()) {
			throw invalid("must be a string");
		}
		return this.node.asString();
	}

	int integer(Integer fallback, int min, int max) {
		if (!present()) {
			if (fallback == null) {
				throw invalid("is required");
			}
			return fallback;
		}
		if (!this.node.isIntegralNumber() || !this.node.canConvertToInt()) {
			throw invalid("must be an integer");
		}
		int value = this.node.intValue();
		if (value < min || value > max) {
			throw invalid("must be between " + min + " and " + max);
		}
		return value;
	}

	Duration duration(Duration fallback, Duration max) {
		if (!present()) {
			return fallback;
		}
		Duration value;
		try {
			value = DurationStyle.detectAndParse(text());
		}
		catch (IllegalArgumentException ex) {
			throw invalid("not a duration (e.g. 2ms, 500us, 5s)");
		}
		if (value.isNegative() || value.compareTo(max) > 0) {
			throw invalid("must be between 0 and " + max);
		}
		return value;
	}

	List<ConfigField> list(boolean required) {
		if (!present()) {
			if (required) {
				throw invalid("is required");
			}
			return List.of();
		}
		if (!this.node.isArray()) {
			throw invalid("must be a list");
		}
		List<ConfigField> items = new ArrayList<>();
		for (int i = 0; i < this.node.size(); i++) {
			items.add(new ConfigField(this.file, this.path + "[" + i + "]", this.node.get(i)));
		}
		return items;
	}

	<T> List<T> list(boolean required, Function<ConfigField, T> item) {
		return list(required).stream().map(item).toList();
	}

	Map<String, String> stringMap() {
		Map<String, String> values = new LinkedHashMap<>();
		if (!present()) {
			return values;
		}
		if (!this.node.isObject()) {
			throw invalid("must be a mapping of names to values");
		}
		for (String name : this.node.propertyNames()) {
			ConfigField value = field(name);
			if (!value.node.isValueNode()) {
				throw value.invalid("must be a single value");
			}
			values.put(name, value.text());
		}
		return values;
	}

}
