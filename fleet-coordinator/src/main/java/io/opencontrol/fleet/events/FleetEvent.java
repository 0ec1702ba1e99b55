package io.opencontrol.fleet.events;

/**
 * Something that happened to a task, as the assignment streams send it.
 *
 * @param id its place in the fleet's order of events (the SSE event id)
 * @param fleet the task's fleet
 * @param robot the robot it concerns, or {@code null} (a task queued for no robot)
 * @param kind assigned, withdrawn, started, completed, failed, cancelled or queued
 * @param json the event as JSON: kind, robot, reason and the task as it is now
 */
public record FleetEvent(long id, String fleet, String robot, String kind, String json) {

}
