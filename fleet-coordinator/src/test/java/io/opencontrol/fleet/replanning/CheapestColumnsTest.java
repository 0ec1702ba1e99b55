package io.opencontrol.fleet.replanning;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The heap selection picks what a full sort would, skipping infeasible robots. */
class CheapestColumnsTest {

	@Test
	void picksTheSameColumnsAsSortingEveryRow() {
		Random random = new Random(3);
		for (int trial = 0; trial < 500; trial++) {
			int robots = 1 + random.nextInt(300);
			int k = 1 + random.nextInt(40);
			double[] row = new double[robots];
			for (int j = 0; j < robots; j++) {
				// Ties and infeasible robots on purpose.
				row[j] = random.nextInt(5) == 0 ? Double.POSITIVE_INFINITY : random.nextInt(50);
			}
			double[] picked = IntStream.of(Planner.cheapest(row, k)).mapToDouble((j) -> row[j]).sorted().toArray();
			double[] expected = Arrays.stream(row).filter(Double::isFinite).sorted().limit(k).toArray();
			assertThat(picked).as("trial %d", trial).containsExactly(expected);
		}
	}

	@Test
	void columnsAreTheUnionOfEveryRowsCheapest() {
		double[][] totals = { { 5, 1, 9, Double.POSITIVE_INFINITY }, { 7, 8, 2, 3 } };
		assertThat(Planner.candidateColumns(totals, 2)).containsExactly(0, 1, 2, 3);
		assertThat(Planner.candidateColumns(totals, 1)).containsExactly(1, 2);
	}

}
