package io.opencontrol.edge.assignments;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RobotAssignmentsTests {

	static final JsonMapper json = JsonMapper.shared();

	final RobotAssignments assignments = new RobotAssignments();

	@Test
	void eventsFoldIntoTheOpenTasks() {
		this.assignments.apply(1, "assigned", task("a", "assigned", "2026-11-22T10:00:00Z", 5));
		this.assignments.apply(2, "assigned", task("b", "assigned", "2026-11-22T10:05:00Z", 5));
		this.assignments.apply(3, "assigned", task("c", "assigned", "2026-11-22T10:10:00Z", 5));
		this.assignments.apply(4, "withdrawn", task("b", "assigned", "2026-11-22T10:05:00Z", 5));
		this.assignments.apply(5, "started", task("c", "in_progress", "2026-11-22T10:10:00Z", 5));
		assertThat(ids()).containsExactly("c", "a");
		this.assignments.apply(6, "completed", task("c", "completed", "2026-11-22T10:10:00Z", 5));
		this.assignments.apply(7, "cancelled", task("a", "cancelled", "2026-11-22T10:00:00Z", 5));
		assertThat(this.assignments.next()).isEmpty();
		assertThat(this.assignments.lastEventId()).isEqualTo(7);
	}

	@Test
	void startedWorkComesFirstThenTheEarliestFinishThenPriority() {
		this.assignments.apply(1, "assigned", task("late", "assigned", "2026-11-22T11:00:00Z", 9));
		this.assignments.apply(2, "assigned", task("early", "assigned", "2026-11-22T10:00:00Z", 1));
		this.assignments.apply(3, "assigned", task("early-urgent", "assigned", "2026-11-22T10:00:00Z", 8));
		this.assignments.apply(4, "assigned", task("no-eta", "assigned", null, 10));
		assertThat(ids()).containsExactly("early-urgent", "early", "late", "no-eta");
		this.assignments.apply(5, "started", task("late", "in_progress", "2026-11-22T11:00:00Z", 9));
		assertThat(this.assignments.next()).map((task) -> task.get("id").stringValue()).hasValue("late");
	}

	@Test
	void aReportAppliedAheadOfTheStreamDoesNotMoveItsCursor() {
		this.assignments.apply(9, "assigned", task("a", "assigned", "2026-11-22T10:00:00Z", 5));
		this.assignments.apply(0, "completed", task("a", "completed", "2026-11-22T10:00:00Z", 5));
		assertThat(this.assignments.lastEventId()).isEqualTo(9);
		assertThat(this.assignments.all()).isEmpty();
	}

	private List<String> ids() {
		return this.assignments.all().stream().map((task) -> task.get("id").stringValue()).toList();
	}

	private static JsonNode task(String id, String status, String eta, int priority) {
		return json.createObjectNode().put("id", id).put("status", status).put("eta", eta).put("priority", priority);
	}

}
