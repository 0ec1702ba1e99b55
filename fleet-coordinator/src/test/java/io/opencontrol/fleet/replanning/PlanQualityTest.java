package io.opencontrol.fleet.replanning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.opencontrol.fleet.assignment.AssignmentProperties;
import io.opencontrol.fleet.assignment.CostModel;
import io.opencontrol.fleet.assignment.Score;
import io.opencontrol.fleet.assignment.Start;
import io.opencontrol.fleet.assignment.TaskSpec;
import io.opencontrol.fleet.fleets.Fleet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Re-planning quality on generated fleets (50 robots × 50 tasks, fixed seeds): tasks are
 * first assigned online, one at a time as {@code /assign_task} does; the re-planned total
 * must be within 5 % of the optimum, which this test computes itself with a different
 * exact method (successive shortest paths). The online cost is reported beside it.
 */
class PlanQualityTest {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private static final List<String> CAPABILITIES = List.of("lift", "scan");

	private final AssignmentProperties properties = new AssignmentProperties(
			new AssignmentProperties.Weights(1, 10, 0.1, 10, 2), new AssignmentProperties.Battery(0.05, 0.01, 15),
			new AssignmentProperties.Replanning(Duration.ofSeconds(30), 0.02, 200, Duration.ofMillis(200)),
			Duration.ofHours(1), Duration.ofHours(1));

	private final CostModel cost = new CostModel(this.properties);

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5 })
	void replannedCostIsWithinFivePercentOfTheOptimum(long seed) {
		Random random = new Random(seed);
		Fleet fleet = new Fleet("f", "f", 100, 100, List.of(new Fleet.Charger("c1", 0, 0),
				new Fleet.Charger("c2", 100, 0), new Fleet.Charger("c3", 0, 100), new Fleet.Charger("c4", 100, 100)));
		List<Start> robots = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			robots.add(new Start(String.format(Locale.ROOT, "r-%02d", i), random.nextDouble() * 100,
					random.nextDouble() * 100, NOW, 30 + random.nextDouble() * 70, 0.5 + random.nextDouble() * 1.5,
					random.nextBoolean() ? CAPABILITIES : List.of(CAPABILITIES.get(random.nextInt(2))), 0));
		}
		List<TaskSpec> tasks = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			boolean dropoff = random.nextInt(3) == 0;
			tasks.add(new TaskSpec(random.nextDouble() * 100, random.nextDouble() * 100,
					dropoff ? random.nextDouble() * 100 : null, dropoff ? random.nextDouble() * 100 : null,
					random.nextBoolean() ? List.of() : List.of(CAPABILITIES.get(random.nextInt(2))),
					10 + random.nextDouble() * 290, random.nextInt(11),
					random.nextInt(4) == 0 ? NOW.plusSeconds(60 + random.nextInt(300)) : null));
		}
		double[][] matrix = costs(fleet, robots, tasks);

		Map<Integer, Integer> online = online(matrix);
		double onlineCost = total(matrix, online, tasks);
		FleetSnapshot snapshot = snapshot(fleet, robots, tasks, online, matrix);
		Plan replanned = new Planner(this.cost, 0.02).plan(snapshot).chosen();
		double optimum = optimum(matrix, tasks);

		System.out.printf(Locale.ROOT,
				"seed %d: online %.1f (%d of 50 placed), re-planned %.1f, optimum %.1f (%.2f%% above)%n", seed,
				onlineCost, online.size(), replanned.cost(), optimum, 100 * (replanned.cost() / optimum - 1));
		assertThat(replanned.placements()).hasSize(50);
		assertThat(replanned.cost()).isLessThanOrEqualTo(optimum * 1.05).isLessThanOrEqualTo(onlineCost + 1e-6);
		assertThat(replanned.placements().values().stream().map(Plan.Placement::robot).distinct()).hasSize(50);
	}

	/**
	 * Each robot's cost for each task when it is idle, or infinity if it cannot do it.
	 */
	private double[][] costs(Fleet fleet, List<Start> robots, List<TaskSpec> tasks) {
		double[][] matrix = new double[tasks.size()][robots.size()];
		for (int t = 0; t < tasks.size(); t++) {
			TaskSpec task = tasks.get(t);
			double toCharger = CostModel.toNearestCharger(fleet, task.endX(), task.endY());
			for (int r = 0; r < robots.size(); r++) {
				Score score = this.cost.score(robots.get(r), task, toCharger, NOW);
				matrix[t][r] = (score != null) ? score.total() : Double.POSITIVE_INFINITY;
			}
		}
		return matrix;
	}

	/** One task at a time to the cheapest robot still free (capacity one each). */
	private static Map<Integer, Integer> online(double[][] matrix) {
		Map<Integer, Integer> robotOfTask = new HashMap<>();
		boolean[] taken = new boolean[matrix[0].length];
		for (int t = 0; t < matrix.length; t++) {
			int best = -1;
			for (int r = 0; r < taken.length; r++) {
				if (!taken[r] && matrix[t][r] < Double.POSITIVE_INFINITY
						&& (best < 0 || matrix[t][r] < matrix[t][best])) {
					best = r;
				}
			}
			if (best >= 0) {
				taken[best] = true;
				robotOfTask.put(t, best);
			}
		}
		return robotOfTask;
	}

	private static double total(double[][] matrix, Map<Integer, Integer> robotOfTask, List<TaskSpec> tasks) {
		double total = 0;
		for (int t = 0; t < matrix.length; t++) {
			Integer robot = robotOfTask.get(t);
			total += (robot != null) ? matrix[t][robot] : Planner.QUEUED_PENALTY * (1 + tasks.get(t).priority());
		}
		return total;
	}

	/**
	 * The exact minimum, by successive shortest augmenting paths (Bellman–Ford) on the
	 * bipartite graph of tasks, robots and one "stays queued" sink per task.
	 */
	private static double optimum(double[][] matrix, List<TaskSpec> tasks) {
		int n = matrix.length;
		int m = matrix[0].length;
		int[] robotOfTask = new int[n];
		int[] taskOfRobot = new int[m];
		Arrays.fill(robotOfTask, -1);
		Arrays.fill(taskOfRobot, -1);
		double[] queued = new double[n];
		for (int t = 0; t < n; t++) {
			queued[t] = Planner.QUEUED_PENALTY * (1 + tasks.get(t).priority());
		}
		for (int source = 0; source < n; source++) {
			// Distances to robots along alternating paths starting at this task.
			double[] distance = new double[m];
			int[] from = new int[m];
			Arrays.fill(distance, Double.POSITIVE_INFINITY);
			for (int r = 0; r < m; r++) {
				distance[r] = matrix[source][r];
				from[r] = source;
			}
			boolean changed = true;
			while (changed) {
				changed = false;
				for (int r = 0; r < m; r++) {
					int holder = taskOfRobot[r];
					if (holder < 0 || distance[r] == Double.POSITIVE_INFINITY) {
						continue;
					}
					for (int other = 0; other < m; other++) {
						double via = distance[r] - matrix[holder][r] + matrix[holder][other];
						if (via < distance[other] - 1e-9) {
							distance[other] = via;
							from[other] = holder;
							changed = true;
						}
					}
				}
			}
			int best = -1;
			for (int r = 0; r < m; r++) {
				if (taskOfRobot[r] < 0 && (best < 0 || distance[r] < distance[best])) {
					best = r;
				}
			}
			if (best < 0 || distance[best] >= queued[source]) {
				continue; // leaving it queued is cheaper than any augmenting path
			}
			int robot = best;
			while (true) {
				int task = from[robot];
				int previous = robotOfTask[task];
				robotOfTask[task] = robot;
				taskOfRobot[robot] = task;
				if (task == source) {
					break;
				}
				robot = previous;
			}
		}
		double total = 0;
		for (int t = 0; t < n; t++) {
			total += (robotOfTask[t] >= 0) ? matrix[t][robotOfTask[t]] : queued[t];
		}
		return total;
	}

	private FleetSnapshot snapshot(Fleet fleet, List<Start> robots, List<TaskSpec> tasks, Map<Integer, Integer> online,
			double[][] matrix) {
		Map<String, FleetSnapshot.PlannedRobot> planned = new HashMap<>();
		robots.forEach((robot) -> planned.put(robot.robotId(), new FleetSnapshot.PlannedRobot(robot, 1, "1")));
		List<FleetSnapshot.UnstartedTask> unstarted = new ArrayList<>();
		for (int t = 0; t < tasks.size(); t++) {
			Integer robot = online.get(t);
			unstarted.add(new FleetSnapshot.UnstartedTask(UUID.nameUUIDFromBytes(new byte[] { (byte) t }), tasks.get(t),
					(robot != null) ? robots.get(robot).robotId() : null, (robot != null) ? NOW.plusSeconds(t) : null,
					"1"));
		}
		return new FleetSnapshot(fleet, NOW, planned, unstarted);
	}

}
