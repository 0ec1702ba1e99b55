package io.opencontrol.deploychecks.kubernetes;

import java.util.List;

/**
 * The JSON type of one field of an API object, as the Kubernetes models or a CRD's schema
 * declare it. An object type is named, not nested, so recursive types (JSON schema props,
 * pod specs inside rollouts) stay finite.
 */
sealed interface FieldType {

	record Scalar(ScalarKind kind) implements FieldType {
	}

	record ListOf(FieldType element) implements FieldType {
	}

	record MapOf(FieldType value) implements FieldType {
	}

	record OneOf(List<String> values) implements FieldType {
	}

	/** An object type, by the name its {@link Schemas catalogue} knows it under. */
	record Reference(String name) implements FieldType {
	}

	enum ScalarKind {

		STRING, INTEGER, NUMBER, BOOLEAN, INT_OR_STRING, QUANTITY, ANY

	}

}
