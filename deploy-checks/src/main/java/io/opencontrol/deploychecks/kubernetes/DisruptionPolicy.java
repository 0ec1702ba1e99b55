package io.opencontrol.deploychecks.kubernetes;

import java.util.ArrayList;
import java.util.List;

/**
 * Every Deployment has exactly one PodDisruptionBudget, and no budget can block a node
 * drain: it lets at least one pod go at any replica count, and pods that are not ready
 * anyway may always be evicted ({@code unhealthyPodEvictionPolicy: AlwaysAllow}).
 */
public final class DisruptionPolicy implements Check {

	@Override
	public List<Finding> check(Rendering rendering) {
		List<Finding> findings = new ArrayList<>();
		List<RenderedObject> budgets = rendering.ofKind("PodDisruptionBudget");
		for (RenderedObject workload : Workloads.of(rendering)) {
			if (!workload.kind().equals("Deployment")) {
				continue;
			}
			List<RenderedObject> covering = budgets.stream()
				.filter((budget) -> Workloads.selects(budget.at("spec.selector.matchLabels").strings(),
						workload.podLabels()))
				.toList();
			if (covering.size() != 1) {
				findings.add(workload.at("spec.template.metadata.labels")
					.finding(workload, "must be covered by exactly one PodDisruptionBudget, not " + covering.size()));
			}
		}
		for (RenderedObject budget : budgets) {
			Node policy = budget.at("spec.unhealthyPodEvictionPolicy");
			if (!policy.is("AlwaysAllow")) {
				findings.add(
						policy.finding(budget, "must be AlwaysAllow, so a pod that is not ready never blocks a drain"));
			}
			Node maxUnavailable = budget.at("spec.maxUnavailable");
			if (maxUnavailable.missing() || maxUnavailable.is(0) || maxUnavailable.is("0%")) {
				findings.add(maxUnavailable.finding(budget,
						"must allow at least one pod to go (maxUnavailable: 1), whatever the replica count"));
			}
		}
		return findings;
	}

}
