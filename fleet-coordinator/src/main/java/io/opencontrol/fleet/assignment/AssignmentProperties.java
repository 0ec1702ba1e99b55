package io.opencontrol.fleet.assignment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How robots are chosen for tasks.
 *
 * @param weights how the terms of a robot's cost for a task add up
 * @param battery what travel and work cost in charge, and what must be left
 * @param replanning when unstarted tasks are planned again across robots
 * @param idempotencyRetention how long an answer to a request with an
 * {@code Idempotency-Key} is kept for its repetitions
 * @param eventRetention how long assignment events are kept for streams that resume
 */
@ConfigurationProperties("opencontrol.fleet.assignment")
public record AssignmentProperties(@DefaultValue Weights weights, @DefaultValue Battery battery,
		@DefaultValue Replanning replanning, @DefaultValue("24h") Duration idempotencyRetention,
		@DefaultValue("24h") Duration eventRetention) {

	public AssignmentProperties {
		requirePositive("idempotency-retention", idempotencyRetention);
		requirePositive("event-retention", eventRetention);
	}

	/**
	 * Cost = (time × (wait + travel + work) + lateness × seconds late) × (1 + priority ×
	 * task priority) + busyness × tasks the robot already holds + energy × charge used.
	 *
	 * @param time cost per second until the task is done
	 * @param lateness cost per second past the task's deadline
	 * @param priority how much more a second of a priority-10 task weighs, per level
	 * @param busyness cost per task the robot already holds (spreads work over idle
	 * robots)
	 * @param energy cost per percent of charge the task uses
	 */
	public record Weights(@DefaultValue("1.0") double time, @DefaultValue("10.0") double lateness,
			@DefaultValue("0.1") double priority, @DefaultValue("10.0") double busyness,
			@DefaultValue("2.0") double energy) {

		public Weights {
			requireNonNegative("weights.time", time);
			requireNonNegative("weights.lateness", lateness);
			requireNonNegative("weights.priority", priority);
			requireNonNegative("weights.busyness", busyness);
			requireNonNegative("weights.energy", energy);
		}

	}

	/**
	 * @param drainPerMetrePct charge used per metre travelled, percent
	 * @param drainPerWorkSecondPct charge used per second of work, percent
	 * @param reservePct charge a robot must still have when it reaches the charger
	 * nearest to where its task ends
	 */
	public record Battery(@DefaultValue("0.05") double drainPerMetrePct,
			@DefaultValue("0.01") double drainPerWorkSecondPct, @DefaultValue("15") double reservePct) {

		public Battery {
			requireNonNegative("battery.drain-per-metre-pct", drainPerMetrePct);
			requireNonNegative("battery.drain-per-work-second-pct", drainPerWorkSecondPct);
			if (!(reservePct >= 0 && reservePct < 100)) {
				throw new IllegalArgumentException(
						"opencontrol.fleet.assignment.battery.reserve-pct must be in [0, 100), was " + reservePct);
			}
		}

	}

	/**
	 * @param interval how often every fleet with unstarted tasks is re-planned
	 * @param minImprovement the share of the current plan's cost a re-plan must save
	 * before any assigned task moves
	 * @param maxTasks the most unstarted tasks of one fleet planned together (highest
	 * priority and oldest first)
	 * @param coalesce how long requests to re-plan one fleet are gathered into one run
	 */
	public record Replanning(@DefaultValue("30s") Duration interval, @DefaultValue("0.02") double minImprovement,
			@DefaultValue("200") int maxTasks, @DefaultValue("200ms") Duration coalesce) {

		public Replanning {
			requirePositive("replanning.interval", interval);
			requireNonNegative("replanning.min-improvement", minImprovement);
			if (maxTasks < 1 || maxTasks > 2000) {
				throw new IllegalArgumentException(
						"opencontrol.fleet.assignment.replanning.max-tasks must be in [1, 2000], was " + maxTasks);
			}
			if (coalesce.isNegative()) {
				throw new IllegalArgumentException(
						"opencontrol.fleet.assignment.replanning.coalesce must not be negative, was " + coalesce);
			}
		}

	}

	private static void requireNonNegative(String name, double value) {
		if (!(value >= 0) || Double.isInfinite(value)) {
			throw new IllegalArgumentException(
					"opencontrol.fleet.assignment." + name + " must be a finite number >= 0, was " + value);
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(
					"opencontrol.fleet.assignment." + name + " must be positive, was " + value);
		}
	}

}
