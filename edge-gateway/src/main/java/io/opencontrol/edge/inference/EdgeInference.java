package io.opencontrol.edge.inference;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers /predict on the robot: routes each request by the policy, falls back to the
 * local runner when the cloud cannot answer, and asks the cloud again when a local answer
 * is too unsure. A robot never sees the cloud's failure while a local model is loaded.
 */
class EdgeInference {

	private static final Logger logger = LoggerFactory.getLogger(EdgeInference.class);

	private final LocalRunner local;

	private final CloudInference cloud;

	private final RoutingPolicy policy;

	private final MeterRegistry registry;

	EdgeInference(LocalRunner local, CloudInference cloud, RoutingPolicy policy, MeterRegistry registry) {
		this.local = local;
		this.cloud = cloud;
		this.policy = policy;
		this.registry = registry;
	}

	Prediction predict(PredictRequest request) throws InterruptedException {
		RoutingPolicy.Conditions now = conditions();
		Route route = this.policy.route(request, now);
		Prediction answer = route.local() ? fromLocal(request, route, now) : fromCloud(request, route);
		this.registry
			.counter("opencontrol.edge.predictions", "source", answer.source().name().toLowerCase(), "route",
					answer.route())
			.increment();
		return answer;
	}

	RoutingPolicy.Conditions conditions() {
		return new RoutingPolicy.Conditions(this.local.version(), this.cloud.circuitOpen(), this.local.overloaded(),
				this.cloud.recentLatencyMs());
	}

	String circuitState() {
		return this.cloud.circuitState();
	}

	private Prediction fromLocal(PredictRequest request, Route route, RoutingPolicy.Conditions now)
			throws InterruptedException {
		Prediction answer = this.local.predict(request).routedBy(route.reason());
		if (!this.policy.escalate(route, answer, now)) {
			return answer;
		}
		try {
			return this.cloud.predict(request).routedBy("low_confidence");
		}
		catch (CloudUnavailable ex) {
			return answer;
		}
	}

	private Prediction fromCloud(PredictRequest request, Route route) throws InterruptedException {
		try {
			return this.cloud.predict(request).routedBy(route.reason());
		}
		catch (CloudUnavailable ex) {
			if (this.local.version() == null) {
				throw new LocalUnavailable(
						"the cloud cannot answer (" + ex.getMessage() + ") and no model is loaded on the robot");
			}
			logger.debug("Cloud unavailable ({}); answering locally", ex.getMessage());
			return this.local.predict(request).routedBy("cloud_unavailable");
		}
	}

}
