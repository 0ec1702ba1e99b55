package io.opencontrol.fleet.replanning;

import java.util.Arrays;

/**
 * The Hungarian method (Kuhn–Munkres with potentials, O(n²·m)): the assignment of each of
 * n rows to a distinct one of m ≥ n columns with the least total cost.
 */
final class Hungarian {

	private Hungarian() {
	}

	/**
	 * @param cost n rows of m finite costs, n ≤ m
	 * @return for each row the column it gets
	 */
	static int[] solve(double[][] cost) {
		int n = cost.length;
		int m = (n > 0) ? cost[0].length : 0;
		if (n > m) {
			throw new IllegalArgumentException("Needs at least as many columns (" + m + ") as rows (" + n + ")");
		}
		// 1-based arrays: column 0 is the virtual start of each augmenting path.
		double[] rowPotential = new double[n + 1];
		double[] columnPotential = new double[m + 1];
		int[] rowOfColumn = new int[m + 1];
		int[] previous = new int[m + 1];
		double[] slack = new double[m + 1];
		boolean[] used = new boolean[m + 1];
		for (int row = 1; row <= n; row++) {
			rowOfColumn[0] = row;
			int column = 0;
			Arrays.fill(slack, Double.POSITIVE_INFINITY);
			Arrays.fill(used, false);
			do {
				used[column] = true;
				int current = rowOfColumn[column];
				double delta = Double.POSITIVE_INFINITY;
				int next = 0;
				for (int j = 1; j <= m; j++) {
					if (!used[j]) {
						double reduced = cost[current - 1][j - 1] - rowPotential[current] - columnPotential[j];
						if (reduced < slack[j]) {
							slack[j] = reduced;
							previous[j] = column;
						}
						if (slack[j] < delta) {
							delta = slack[j];
							next = j;
						}
					}
				}
				for (int j = 0; j <= m; j++) {
					if (used[j]) {
						rowPotential[rowOfColumn[j]] += delta;
						columnPotential[j] -= delta;
					}
					else {
						slack[j] -= delta;
					}
				}
				column = next;
			}
			while (rowOfColumn[column] != 0);
			do {
				int before = previous[column];
				rowOfColumn[column] = rowOfColumn[before];
				column = before;
			}
			while (column != 0);
		}
		int[] columnOfRow = new int[n];
		for (int j = 1; j <= m; j++) {
			if (rowOfColumn[j] != 0) {
				columnOfRow[rowOfColumn[j] - 1] = j - 1;
			}
		}
		return columnOfRow;
	}

}
