package io.opencontrol.edge.assignments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The tasks the fleet-coordinator has given this robot and that are not finished, folded
 * from its stream of events. The tasks are kept as the coordinator wrote them, so the
 * robot's software reads the coordinator's task unchanged.
 */
public class RobotAssignments {

	/**
	 * Started work first, then the earliest expected finish (ISO instants of one format
	 * sort as text; none sorts last), then the highest priority.
	 */
	private static final Comparator<JsonNode> NEXT_FIRST = Comparator
		.comparing((JsonNode task) -> !"in_progress".equals(text(task, "status")))
		.thenComparing((task) -> {
			String eta = text(task, "eta");
			return (eta != null) ? eta : "~";
		})
		.thenComparing((task) -> -task.path("priority").asInt());

	private final Map<String, JsonNode> open = new LinkedHashMap<>();

	private long lastEventId;

	/**
	 * Applies one event of the stream: {@code assigned} and {@code started} keep the task
	 * as it now is; {@code withdrawn} (moved to another robot), {@code completed},
	 * {@code failed} and {@code cancelled} end it here.
	 */
	public synchronized void apply(long eventId, String kind, JsonNode task) {
		String id = text(task, "id");
		if (id == null) {
			return;
		}
		switch (kind) {
			case "assigned", "started" -> this.open.put(id, task);
			default -> this.open.remove(id);
		}
		this.lastEventId = Math.max(this.lastEventId, eventId);
	}

	/** The id of the last event applied: a reconnecting stream resumes after it. */
	public synchronized long lastEventId() {
		return this.lastEventId;
	}

	/** What the robot should work on next, if anything. */
	public synchronized Optional<JsonNode> next() {
		return this.open.values().stream().min(NEXT_FIRST);
	}

	/** Every open task, next first. */
	public synchronized List<JsonNode> all() {
		List<JsonNode> all = new ArrayList<>(this.open.values());
		all.sort(NEXT_FIRST);
		return all;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

}
