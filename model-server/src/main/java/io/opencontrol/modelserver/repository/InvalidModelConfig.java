package io.opencontrol.modelserver.repository;

import java.nio.file.Path;

/**
 * A {@code config.yaml} that cannot be served, naming the file, the field and the value.
 */
public class InvalidModelConfig extends RuntimeException {

	public InvalidModelConfig(Path file, String field, Object value, String reason) {
		super(file + ": " + field + " = " + describe(value) + ": " + reason);
	}

	/** The same refusal again, from its message (a config read earlier). */
	public InvalidModelConfig(String message) {
		super(message);
	}

	private static String describe(Object value) {
		return (value == null) ? "(missing)" : "'" + value + "'";
	}

}
