package io.opencontrol.fleet.replanning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opencontrol.fleet.assignment.CostModel;
import io.opencontrol.fleet.assignment.Score;
import io.opencontrol.fleet.assignment.Start;
import io.opencontrol.fleet.assignment.TaskSpec;

/**
 * Plans a fleet's unstarted tasks two ways and keeps the better: the current plan (every
 * task stays with its robot, queued ones fill free capacity) or a plan made afresh with
 * the Hungarian method; the fresh plan wins only if it saves more than the configured
 * share of the cost, so tasks do not move for crumbs. Each round of the Hungarian method
 * gives every robot at most one more task, so robots with room for several are planned
 * over several rounds.
 */
class Planner {

	/**
	 * What leaving a task queued costs, per priority level plus one: more than any real
	 * cost, so planning places as many tasks (and the most urgent) first.
	 */
	static final double QUEUED_PENALTY = 1e7;

	private static final double IMPOSSIBLE = 1e15;

	private final CostModel cost;

	private final double minImprovement;

	Planner(CostModel cost, double minImprovement) {
		this.cost = cost;
		this.minImprovement = minImprovement;
	}

	/** The plan to follow, and whether it moves tasks that were assigned. */
	Decision plan(FleetSnapshot fleet) {
		Plan kept = keepCurrent(fleet);
		Plan fresh = afresh(fleet);
		boolean better = kept.cost() - fresh.cost() > this.minImprovement * kept.cost();
		return new Decision(better ? fresh : kept, kept, fresh);
	}

	/**
	 * Every assigned task stays where it is (if still feasible there); queued ones fill
	 * in.
	 */
	Plan keepCurrent(FleetSnapshot fleet) {
		Map<String, Start> states = bases(fleet);
		Map<String, Integer> slots = slots(fleet);
		Map<UUID, Plan.Placement> placements = new HashMap<>();
		List<FleetSnapshot.UnstartedTask> open = new ArrayList<>();
		List<FleetSnapshot.UnstartedTask> byEta = new ArrayList<>(fleet.unstarted());
		byEta.sort(Comparator.comparing(FleetSnapshot.UnstartedTask::eta,
				Comparator.nullsLast(Comparator.naturalOrder())));
		for (FleetSnapshot.UnstartedTask task : byEta) {
			Start state = (task.robot() != null) ? states.get(task.robot()) : null;
			Score score = (state != null && slots.get(task.robot()) > 0) ? score(state, task, fleet) : null;
			if (score == null) {
				open.add(task);
				continue;
			}
			placements.put(task.id(), new Plan.Placement(task.robot(), score));
			states.put(task.robot(), state.after(task.spec(), score));
			slots.merge(task.robot(), -1, Integer::sum);
		}
		placeInRounds(open, states, slots, fleet, placements);
		return plan(fleet, placements, states);
	}

	/**
	 * Every unstarted task placed anew from where the robots are after their started
	 * ones.
	 */
	Plan afresh(FleetSnapshot fleet) {
		Map<String, Start> states = bases(fleet);
		Map<String, Integer> slots = slots(fleet);
		Map<UUID, Plan.Placement> placements = new HashMap<>();
		placeInRounds(new ArrayList<>(fleet.unstarted()), states, slots, fleet, placements);
		return plan(fleet, placements, states);
	}

	private void placeInRounds(List<FleetSnapshot.UnstartedTask> tasks, Map<String, Start> states,
			Map<String, Integer> slots, FleetSnapshot fleet, Map<UUID, Plan.Placement> placements) {
		List<FleetSnapshot.UnstartedTask> left = new ArrayList<>(tasks);
		while (!left.isEmpty()) {
			List<String> robots = slots.entrySet()
				.stream()
				.filter((e) -> e.getValue() > 0)
				.map(Map.Entry::getKey)
				.sorted()
				.toList();
			if (robots.isEmpty()) {
				return;
			}
			Map<UUID, Plan.Placement> round = round(left, robots, states, fleet);
			if (round.isEmpty()) {
				return;
			}
			round.forEach((task, placement) -> {
				FleetSnapshot.UnstartedTask planned = left.stream()
					.filter((t) -> t.id().equals(task))
					.findFirst()
					.orElseThrow();
				placements.put(task, placement);
				states.put(placement.robot(), states.get(placement.robot()).after(planned.spec(), placement.score()));
				slots.merge(placement.robot(), -1, Integer::sum);
			});
			left.removeIf((task) -> round.containsKey(task.id()));
		}
	}

	/** One task at most for each robot: the cheapest such assignment, exactly. */
	private Map<UUID, Plan.Placement> round(List<FleetSnapshot.UnstartedTask> tasks, List<String> robots,
			Map<String, Start> states, FleetSnapshot fleet) {
		int n = tasks.size();
		Start[] starts = robots.stream().map(states::get).toArray(Start[]::new);
		// Totals only (a fleet has thousands of robots): scores are made for the chosen.
		double[][] totals = new double[n][starts.length];
		for (int i = 0; i < n; i++) {
			TaskSpec task = tasks.get(i).spec();
			double toCharger = toCharger(tasks.get(i), fleet);
			for (int j = 0; j < starts.length; j++) {
				totals[i][j] = this.cost.total(starts[j], task, toCharger, fleet.now());
			}
		}
		// Some optimal assignment gives each task one of its n cheapest robots (any other
		// robot could be swapped for one of those left free), so only those are columns.
		int[] columns = candidateColumns(totals, n);
		double[][] matrix = new double[n][columns.length + n];
		for (int i = 0; i < n; i++) {
			for (int c = 0; c < columns.length; c++) {
				double total = totals[i][columns[c]];
				matrix[i][c] = Double.isInfinite(total) ? IMPOSSIBLE : total;
			}
			Arrays.fill(matrix[i], columns.length, columns.length + n, penalty(tasks.get(i)));
		}
		int[] chosen = Hungarian.solve(matrix);
		Map<UUID, Plan.Placement> placed = new HashMap<>();
		for (int i = 0; i < n; i++) {
			if (chosen[i] < columns.length && !Double.isInfinite(totals[i][columns[chosen[i]]])) {
				String robot = robots.get(columns[chosen[i]]);
				FleetSnapshot.UnstartedTask task = tasks.get(i);
				Score score = this.cost.score(states.get(robot), task.spec(), toCharger(task, fleet), fleet.now());
				placed.put(task.id(), new Plan.Placement(robot, score));
			}
		}
		return placed;
	}

	/** The union of every row's {@code perTask} cheapest feasible columns, ascending. */
	static int[] candidateColumns(double[][] totals, int perTask) {
		BitSet columns = new BitSet();
		for (double[] row : totals) {
			for (int column : cheapest(row, perTask)) {
				columns.set(column);
			}
		}
		return columns.stream().toArray();
	}

	/**
	 * The indices of the {@code k} smallest finite values, by a bounded max-heap: a sort
	 * of thousands of robots per task was most of a large fleet's planning time.
	 */
	static int[] cheapest(double[] row, int k) {
		int[] heap = new int[Math.min(k, row.length)];
		int size = 0;
		for (int j = 0; j < row.length; j++) {
			if (Double.isInfinite(row[j])) {
				continue;
			}
			if (size < heap.length) {
				heap[size] = j;
				siftUp(heap, size++, row);
			}
			else if (size > 0 && row[j] < row[heap[0]]) {
				heap[0] = j;
				siftDown(heap, size, row);
			}
		}
		return Arrays.copyOf(heap, size);
	}

	private static void siftUp(int[] heap, int at, double[] row) {
		while (at > 0) {
			int parent = (at - 1) / 2;
			if (row[heap[parent]] >= row[heap[at]]) {
				return;
			}
			swap(heap, parent, at);
			at = parent;
		}
	}

	private static void siftDown(int[] heap, int size, double[] row) {
		int at = 0;
		while (true) {
			int largest = at;
			for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
				if (row[heap[child]] > row[heap[largest]]) {
					largest = child;
				}
			}
			if (largest == at) {
				return;
			}
			swap(heap, at, largest);
			at = largest;
		}
	}

	private static void swap(int[] heap, int a, int b) {
		int kept = heap[a];
		heap[a] = heap[b];
		heap[b] = kept;
	}

	private static double toCharger(FleetSnapshot.UnstartedTask task, FleetSnapshot fleet) {
		return CostModel.toNearestCharger(fleet.fleet(), task.spec().endX(), task.spec().endY());
	}

	private Score score(Start state, FleetSnapshot.UnstartedTask task, FleetSnapshot fleet) {
		return this.cost.score(state, task.spec(), toCharger(task, fleet), fleet.now());
	}

	private static Plan plan(FleetSnapshot fleet, Map<UUID, Plan.Placement> placements, Map<String, Start> ends) {
		double cost = 0;
		for (FleetSnapshot.UnstartedTask task : fleet.unstarted()) {
			Plan.Placement placement = placements.get(task.id());
			cost += (placement != null) ? placement.score().total() : penalty(task);
		}
		return new Plan(placements, ends, cost);
	}

	private static double penalty(FleetSnapshot.UnstartedTask task) {
		return QUEUED_PENALTY * (1 + task.spec().priority());
	}

	private static Map<String, Start> bases(FleetSnapshot fleet) {
		Map<String, Start> states = new HashMap<>();
		fleet.robots().forEach((id, robot) -> states.put(id, robot.base()));
		return states;
	}

	private static Map<String, Integer> slots(FleetSnapshot fleet) {
		Map<String, Integer> slots = new HashMap<>();
		fleet.robots().forEach((id, robot) -> slots.put(id, robot.slots()));
		return slots;
	}

	/**
	 * The plan chosen, and both it was chosen from (their costs are reported).
	 */
	record Decision(Plan chosen, Plan kept, Plan fresh) {

	}

}
