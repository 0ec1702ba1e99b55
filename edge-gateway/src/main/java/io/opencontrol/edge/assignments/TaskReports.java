package io.opencontrol.edge.assignments;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.opencontrol.edge.cloud.Cloud;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the robot's software reports about its work and itself, passed to the
 * fleet-coordinator as this robot: task start, completion and failure, and its position,
 * battery and status. Unlike telemetry these are not journaled: they are only true now,
 * so the robot hears at once whether the cloud took them.
 */
public class TaskReports {

	private final Cloud cloud;

	private final RobotAssignments assignments;

	private final AssignmentProperties properties;

	private final JsonMapper json;

	TaskReports(Cloud cloud, RobotAssignments assignments, AssignmentProperties properties, JsonMapper json) {
		this.cloud = cloud;
		this.assignments = assignments;
		this.properties = properties;
		this.json = json;
	}

	/** The robot started the task. */
	public JsonNode started(UUID task) {
		return transition(task, "start", "started", null);
	}

	/** The robot finished the task. */
	public JsonNode completed(UUID task) {
		return transition(task, "complete", "completed", null);
	}

	/** The robot could not do the task, for the given reason (may be null). */
	public JsonNode failed(UUID task, String reason) {
		return transition(task, "fail", "failed", Map.of("reason", (reason != null) ? reason : "failed on the robot"));
	}

	/** Where the robot is, its battery and whether it is idle, busy or charging. */
	public JsonNode state(RobotState state) {
		HttpRequest.Builder request = this.cloud.request("/api/robots/" + this.cloud.robotId() + "/state")
			.PUT(HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(state)));
		return exchange(request, "state");
	}

	/**
	 * The coordinator's answer is applied here at once, so the robot's next question
	 * already sees it; the stream's event for it follows and agrees.
	 */
	private JsonNode transition(UUID task, String action, String kind, Object body) {
		HttpRequest.Builder request = this.cloud.request("/api/tasks/" + task + "/" + action)
			.POST((body != null) ? HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(body))
					: HttpRequest.BodyPublishers.noBody());
		JsonNode answer = exchange(request, action + " of task " + task);
		this.assignments.apply(0, kind, answer);
		return answer;
	}

	private JsonNode exchange(HttpRequest.Builder request, String what) {
		request.timeout(this.properties.timeout()).header("Content-Type", "application/json");
		HttpResponse<String> response;
		try {
			response = this.cloud.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new CloudUnreachable("The " + what + " did not reach the fleet-coordinator ("
					+ ex.getClass().getSimpleName() + "); send it again");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CloudUnreachable("Interrupted while sending the " + what);
		}
		if (response.statusCode() == 200) {
			return this.json.readTree(response.body());
		}
		if (response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 401
				&& response.statusCode() != 429) {
			throw new CloudRefused(response.statusCode(), detail(response.body()));
		}
		throw new CloudUnreachable("The fleet-coordinator could not take the " + what + " (HTTP "
				+ response.statusCode() + "); send it again");
	}

	private String detail(String body) {
		try {
			JsonNode problem = this.json.readTree(body);
			JsonNode detail = problem.get("detail");
			return (detail != null && detail.isString()) ? detail.stringValue() : body;
		}
		catch (RuntimeException ex) {
			return body;
		}
	}

}
