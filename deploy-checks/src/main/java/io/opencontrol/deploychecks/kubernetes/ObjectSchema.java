package io.opencontrol.deploychecks.kubernetes;

import java.util.Map;
import java.util.Set;

/** The fields an object type may have, and those it must have. */
record ObjectSchema(Map<String, FieldType> fields, Set<String> required) {

	ObjectSchema {
		fields = Map.copyOf(fields);
		required = Set.copyOf(required);
	}

}
