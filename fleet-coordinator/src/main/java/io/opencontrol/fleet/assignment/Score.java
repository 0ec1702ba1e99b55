package io.opencontrol.fleet.assignment;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One robot's cost for one task, term by term (the answer's score breakdown).
 *
 * @param waitS seconds until the robot is free
 * @param travelS seconds of travel to the task and on to its drop-off
 * @param workS seconds of work
 * @param latenessS seconds past the deadline it would finish (0 without one)
 * @param priorityFactor how much more the time terms weigh for this task's priority
 * @param busyness the cost of the tasks the robot already holds
 * @param energyPct charge the task uses
 * @param batteryAfterPct charge left when the task is done
 * @param total the sum that is minimised
 * @param finish when the task would be done
 */
public record Score(double waitS, double travelS, double workS, double latenessS, double priorityFactor,
		double busyness, double energyPct, double batteryAfterPct, double total, @JsonIgnore Instant finish) {

}
