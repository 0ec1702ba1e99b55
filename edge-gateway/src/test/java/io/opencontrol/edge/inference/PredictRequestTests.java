package io.opencontrol.edge.inference;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What the robot's software may send to /predict, and what is refused as a 400. */
class PredictRequestTests {

	@Test
	void readsTensorsFromNestedArraysAndKeepsTheBudgetFromTheCloud() {
		PredictRequest request = read(
				"{\"model\":\"world_model\",\"inputs\":{\"joints\":[[1,2],[3,4],[5,6]]},\"latency_budget_ms\":20}");
		Tensor joints = request.inputs().get(0);
		assertThat(joints.shape()).containsExactly(3, 2);
		assertThat(joints.values()).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(request.latencyBudgetMs()).isEqualTo(20);
		assertThat(request.cloudBody().has("latency_budget_ms")).isFalse();
	}

	@Test
	void refusesWhatCannotBeATensorOrARequest() {
		for (String bad : List.of("[]", "{\"inputs\":{\"j\":[[1]]}}", "{\"model\":\"m\"}",
				"{\"model\":\"m\",\"inputs\":{}}", "{\"model\":\"m\",\"inputs\":{\"j\":1}}",
				"{\"model\":\"m\",\"inputs\":{\"j\":[[1,2],[3]]}}", "{\"model\":\"m\",\"inputs\":{\"j\":[[1,\"x\"]]}}",
				"{\"model\":\"m\",\"inputs\":{\"j\":[[true]]}}", "{\"model\":\"m\",\"inputs\":{\"j\":[[]]}}",
				"{\"model\":\"m\",\"inputs\":{\"j\":[[1]]},\"priority\":\"urgent\"}",
				"{\"model\":\"m\",\"inputs\":{\"j\":[[1]]},\"timeout_ms\":-5}",
				"{\"model\":\"m\",\"inputs\":{\"j\":[[1]]},\"colour\":\"red\"}", hugeFirstRows())) {
			assertThatExceptionOfType(InvalidPrediction.class).as(bad).isThrownBy(() -> read(bad));
		}
	}

	/**
	 * 2,000 × 2,000 × 2,000 by its first elements, while the rest of each level is
	 * scalars: 8e9 elements claimed by 12 KB.
	 */
	private static String hugeFirstRows() {
		String scalars = ",0".repeat(1999);
		String innermost = "[0" + scalars + "]";
		return "{\"model\":\"m\",\"inputs\":{\"j\":[[" + innermost + scalars + "]" + scalars + "]}}";
	}

	private static PredictRequest read(String body) {
		return PredictRequest.read(JsonMapper.shared().readTree(body));
	}

}
