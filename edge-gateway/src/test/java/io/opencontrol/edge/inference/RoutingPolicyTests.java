package io.opencontrol.edge.inference;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Each routing rule, and the order in which they apply. */
class RoutingPolicyTests {

	private final RoutingPolicy policy = new RoutingPolicy("confidence", 0.5);

	private final RoutingPolicy.Conditions calm = new RoutingPolicy.Conditions("1", false, false, 40);

	@Test
	void aNormalRequestGoesToTheCloud() {
		assertThat(this.policy.route(request("normal", null, null), this.calm)).isEqualTo(Route.CLOUD_DEFAULT);
	}

	@Test
	void highPriorityStaysOnTheRobot() {
		assertThat(this.policy.route(request("high", null, null), this.calm)).isEqualTo(Route.LOCAL_HIGH_PRIORITY);
	}

	@Test
	void anOpenCircuitSendsEverythingLocalEvenWhenTheRunnerIsBusy() {
		RoutingPolicy.Conditions open = new RoutingPolicy.Conditions("1", true, true, 40);
		assertThat(this.policy.route(request("normal", null, null), open)).isEqualTo(Route.LOCAL_CIRCUIT_OPEN);
	}

	@Test
	void aBudgetBelowTheCloudsRecentLatencyStaysLocal() {
		assertThat(this.policy.route(request("normal", null, 30), this.calm)).isEqualTo(Route.LOCAL_LATENCY_BUDGET);
		assertThat(this.policy.route(request("normal", null, 50), this.calm)).isEqualTo(Route.CLOUD_DEFAULT);
	}

	@Test
	void anOverloadedRunnerSendsEvenHighPriorityToTheCloud() {
		RoutingPolicy.Conditions busy = new RoutingPolicy.Conditions("1", false, true, 40);
		assertThat(this.policy.route(request("high", null, 10), busy)).isEqualTo(Route.CLOUD_LOCAL_OVERLOADED);
	}

	@Test
	void withoutTheVersionOnTheRobotTheCloudAnswers() {
		RoutingPolicy.Conditions none = new RoutingPolicy.Conditions(null, false, false, 40);
		assertThat(this.policy.route(request("high", null, null), none)).isEqualTo(Route.CLOUD_NO_LOCAL_MODEL);
		assertThat(this.policy.route(request("high", "2", null), this.calm)).isEqualTo(Route.CLOUD_NO_LOCAL_MODEL);
	}

	@Test
	void anUnsureLocalAnswerIsAskedOfTheCloudUnlessTheCircuitIsOpen() {
		Prediction unsure = answer(0.3f);
		Prediction sure = answer(0.9f);
		assertThat(this.policy.escalate(Route.LOCAL_HIGH_PRIORITY, unsure, this.calm)).isTrue();
		assertThat(this.policy.escalate(Route.LOCAL_HIGH_PRIORITY, sure, this.calm)).isFalse();
		assertThat(this.policy.escalate(Route.LOCAL_CIRCUIT_OPEN, unsure,
				new RoutingPolicy.Conditions("1", true, false, 40)))
			.isFalse();
		assertThat(this.policy.escalate(Route.CLOUD_DEFAULT, unsure, this.calm)).isFalse();
	}

	private static Prediction answer(float confidence) {
		return new Prediction("world_model", "1",
				List.of(new Tensor("confidence", new long[] { 2, 1 }, new float[] { 0.95f, confidence })), 1,
				Prediction.Source.LOCAL_EDGE, "high_priority");
	}

	private static PredictRequest request(String priority, String version, Integer budget) {
		String body = "{\"model\":\"world_model\",\"inputs\":{\"joints\":[[1,2,3,4,5,6,7]]},\"priority\":\"" + priority
				+ "\"" + ((version != null) ? ",\"version\":\"" + version + "\"" : "")
				+ ((budget != null) ? ",\"latency_budget_ms\":" + budget : "") + "}";
		return PredictRequest.read(JsonMapper.shared().readTree(body));
	}

}
