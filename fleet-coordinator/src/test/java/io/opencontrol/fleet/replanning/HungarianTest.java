package io.opencontrol.fleet.replanning;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HungarianTest {

	@Test
	void findsTheCheapestAssignmentOfRectangularMatrices() {
		Random random = new Random(7);
		for (int trial = 0; trial < 200; trial++) {
			int rows = 1 + random.nextInt(5);
			int columns = rows + random.nextInt(3);
			double[][] cost = new double[rows][columns];
			for (double[] row : cost) {
				for (int j = 0; j < columns; j++) {
					row[j] = random.nextInt(100);
				}
			}
			int[] chosen = Hungarian.solve(cost);
			double total = 0;
			boolean[] used = new boolean[columns];
			for (int i = 0; i < rows; i++) {
				assertThat(used[chosen[i]]).as("column given twice").isFalse();
				used[chosen[i]] = true;
				total += cost[i][chosen[i]];
			}
			assertThat(total).isCloseTo(bruteForce(cost, 0, new boolean[columns]), within(1e-9));
		}
	}

	private static double bruteForce(double[][] cost, int row, boolean[] used) {
		if (row == cost.length) {
			return 0;
		}
		double best = Double.POSITIVE_INFINITY;
		for (int j = 0; j < used.length; j++) {
			if (!used[j]) {
				used[j] = true;
				best = Math.min(best, cost[row][j] + bruteForce(cost, row + 1, used));
				used[j] = false;
			}
		}
		return best;
	}

}
