package io.opencontrol.deploychecks.kubernetes;

import java.util.List;
import java.util.Optional;

/**
 * What {@code kubectl kustomize} makes of one kustomization: the objects it would apply.
 *
 * @param source the kustomization's directory, for messages
 * @param objects the rendered objects, in kustomize's order
 */
public record Rendering(String source, List<RenderedObject> objects) {

	public Rendering {
		objects = List.copyOf(objects);
	}

	public List<RenderedObject> ofKind(String kind) {
		return this.objects.stream().filter((object) -> kind.equals(object.kind())).toList();
	}

	public Optional<RenderedObject> find(String kind, String name) {
		return ofKind(kind).stream().filter((object) -> name.equals(object.name())).findFirst();
	}

}
