package io.opencontrol.deploychecks.kubernetes;

/**
 * One problem in a rendered manifest: the object ({@code Kind/name}), the field path
 * inside it, and what is wrong.
 *
 * @param object the object, as {@code Kind/name}
 * @param field the field's path, as in {@code spec.template.spec.containers[0].image}
 * @param problem what is wrong with it
 */
public record Finding(String object, String field, String problem) {

	@Override
	public String toString() {
		return this.object + " " + this.field + ": " + this.problem;
	}

}
