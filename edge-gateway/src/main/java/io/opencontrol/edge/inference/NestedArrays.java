package io.opencontrol.edge.inference;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Tensors as /predict writes them: nested JSON arrays, batch dimension first. Reading
 * checks that the arrays are rectangular and hold only numbers; the shape comes from the
 * arrays themselves, so nothing is allocated beyond what the body holds.
 */
final class NestedArrays {

	private static final int MAX_RANK = 8;

	/**
	 * The shape is read from the first element of each level, before the rest is seen.
	 */
	private static final long MAX_ELEMENTS = 1 << 22;

	private NestedArrays() {
	}

	static Tensor read(String name, JsonNode node) {
		List<Long> dims = new ArrayList<>();
		JsonNode level = node;
		while (level.isArray()) {
			if (level.isEmpty()) {
				throw new InvalidPrediction("input '" + name + "' has an empty dimension");
			}
			dims.add((long) level.size());
			if (dims.size() > MAX_RANK) {
				throw new InvalidPrediction("input '" + name + "' has more than " + MAX_RANK + " dimensions");
			}
			level = level.get(0);
		}
		if (dims.isEmpty()) {
			throw new InvalidPrediction("input '" + name + "' must be nested arrays with the batch dimension first");
		}
		long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
		long count = 1;
		for (long dim : shape) {
			count *= dim;
			if (count > MAX_ELEMENTS) {
				throw new InvalidPrediction("input '" + name + "' has more than " + MAX_ELEMENTS + " elements");
			}
		}
		float[] values = new float[(int) count];
		int[] next = { 0 };
		collect(name, node, shape, 0, values, next);
		return new Tensor(name, shape, values);
	}

	private static void collect(String name, JsonNode node, long[] shape, int depth, float[] values, int[] next) {
		if (depth == shape.length) {
			if (!node.isNumber()) {
				throw new InvalidPrediction("input '" + name + "' holds a value that is not a number: " + node);
			}
			values[next[0]++] = node.floatValue();
			return;
		}
		if (!node.isArray() || node.size() != shape[depth]) {
			throw new InvalidPrediction("input '" + name + "' is not rectangular: dimension " + depth + " should have "
					+ shape[depth] + " elements");
		}
		for (JsonNode child : node) {
			collect(name, child, shape, depth + 1, values, next);
		}
	}

	static ArrayNode write(Tensor tensor) {
		int[] next = { 0 };
		return (ArrayNode) nest(tensor, 0, next);
	}

	private static JsonNode nest(Tensor tensor, int depth, int[] next) {
		if (depth == tensor.shape().length) {
			return JsonNodeFactory.instance.numberNode(tensor.values()[next[0]++]);
		}
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		for (long i = 0; i < tensor.shape()[depth]; i++) {
			array.add(nest(tensor, depth + 1, next));
		}
		return array;
	}

}
