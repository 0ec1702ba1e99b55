package io.opencontrol.deploychecks.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a production rendering of OpenControl must have beyond every pod's rules: two or
 * more replicas of every service, the model-server scaled on CPU and on queue time, the
 * gateway on CPU, the gateway alone exposed and only over TLS, a namespace that enforces
 * the restricted Pod Security Standard, and every service scraped.
 */
public final class ProductionPolicy implements Check {

	static final String QUEUE_TIME_METRIC = "opencontrol_queue_time_seconds_mean";

	private static final String PUBLIC_SERVICE = "gateway";

	@Override
	public List<Finding> check(Rendering rendering) {
		List<Finding> findings = new ArrayList<>();
		checkReplicas(rendering, findings);
		checkAutoscaling(rendering, findings);
		checkIngress(rendering, findings);
		checkNamespace(rendering, findings);
		checkScraped(rendering, findings);
		return findings;
	}

	private static void checkReplicas(Rendering rendering, List<Finding> findings) {
		for (RenderedObject deployment : rendering.ofKind("Deployment")) {
			Optional<RenderedObject> rollout = rendering.ofKind("Rollout")
				.stream()
				.filter((candidate) -> candidate.at("spec.workloadRef.name").is(deployment.name()))
				.findFirst();
			RenderedObject scaled = rollout.orElse(deployment);
			Node replicas = scaled.at("spec.replicas");
			int minimum = autoscalerMinimum(rendering, scaled)
				.orElse((replicas.value() instanceof Integer value) ? value : 1);
			if (minimum < 2) {
				findings.add(replicas.finding(scaled, "must be at least 2 in production (or an autoscaler's minimum)"));
			}
		}
	}

	private static Optional<Integer> autoscalerMinimum(Rendering rendering, RenderedObject target) {
		Optional<Integer> hpa = rendering.ofKind("HorizontalPodAutoscaler")
			.stream()
			.filter((hpaObject) -> targets(hpaObject, target))
			.map((hpaObject) -> hpaObject.at("spec.minReplicas").value())
			.map((value) -> (value instanceof Integer number) ? number : 1)
			.findFirst();
		return hpa.or(() -> rendering.ofKind("ScaledObject")
			.stream()
			.filter((scaledObject) -> targets(scaledObject, target))
			.map((scaledObject) -> scaledObject.at("spec.minReplicaCount").value())
			.map((value) -> (value instanceof Integer number) ? number : 0)
			.findFirst());
	}

	private static boolean targets(RenderedObject scaler, RenderedObject target) {
		Node reference = scaler.at("spec.scaleTargetRef");
		String kind = Optional.ofNullable(reference.get("kind").text()).orElse("Deployment");
		return kind.equals(target.kind()) && reference.get("name").is(target.name());
	}

	private static void checkAutoscaling(Rendering rendering, List<Finding> findings) {
		Optional<RenderedObject> keda = rendering.ofKind("ScaledObject")
			.stream()
			.filter((scaledObject) -> scaledObject.at("spec.scaleTargetRef.name").is("model-server"))
			.findFirst();
		if (keda.isPresent()) {
			checkScaledObject(keda.get(), findings);
		}
		else {
			Optional<RenderedObject> modelServer = hpaFor(rendering, "model-server");
			if (modelServer.isEmpty()) {
				findings.add(new Finding("HorizontalPodAutoscaler/model-server", "spec.scaleTargetRef",
						"the model-server must be autoscaled (an HPA, or the keda component's ScaledObject)"));
			}
			else {
				requireCpu(modelServer.get(), findings);
				boolean queueTime = modelServer.get()
					.at("spec.metrics")
					.elements()
					.anyMatch((metric) -> metric.get("type").is("Pods")
							&& metric.at("pods.metric.name").is(QUEUE_TIME_METRIC)
							&& metric.at("pods.target.type").is("AverageValue"));
				if (!queueTime) {
					findings.add(modelServer.get()
						.at("spec.metrics")
						.finding(modelServer.get(),
								"must scale on the Pods metric " + QUEUE_TIME_METRIC + " (AverageValue) besides CPU"));
				}
				Node window = modelServer.get().at("spec.behavior.scaleDown.stabilizationWindowSeconds");
				if (!(window.value() instanceof Integer seconds) || seconds < 60) {
					findings.add(window.finding(modelServer.get(),
							"must hold scale-down for at least 60 s, so a lull does not drop warm replicas"));
				}
			}
		}
		Optional<RenderedObject> gateway = hpaFor(rendering, PUBLIC_SERVICE);
		if (gateway.isEmpty()) {
			findings.add(new Finding("HorizontalPodAutoscaler/gateway", "spec.scaleTargetRef",
					"the gateway must be autoscaled on CPU"));
		}
		else {
			requireCpu(gateway.get(), findings);
		}
	}

	private static Optional<RenderedObject> hpaFor(Rendering rendering, String name) {
		return rendering.ofKind("HorizontalPodAutoscaler")
			.stream()
			.filter((hpa) -> hpa.at("spec.scaleTargetRef.name").is(name))
			.findFirst();
	}

	private static void requireCpu(RenderedObject hpa, List<Finding> findings) {
		boolean cpu = hpa.at("spec.metrics")
			.elements()
			.anyMatch((metric) -> metric.get("type").is("Resource") && metric.at("resource.name").is("cpu"));
		if (!cpu) {
			findings.add(hpa.at("spec.metrics").finding(hpa, "must scale on CPU utilisation"));
		}
	}

	private static void checkScaledObject(RenderedObject scaledObject, List<Finding> findings) {
		List<Node> triggers = scaledObject.at("spec.triggers").elements().toList();
		if (triggers.stream().noneMatch((trigger) -> trigger.get("type").is("cpu"))) {
			findings.add(scaledObject.at("spec.triggers").finding(scaledObject, "must have a cpu trigger"));
		}
		Optional<Node> prometheus = triggers.stream()
			.filter((trigger) -> trigger.get("type").is("prometheus"))
			.findFirst();
		if (prometheus.isEmpty() || !prometheus.get().get("metricType").is("Value")) {
			findings.add(scaledObject.at("spec.triggers")
				.finding(scaledObject, "must have a prometheus queue-time trigger with metricType Value"));
		}
		if (!(scaledObject.at("spec.fallback.replicas").value() instanceof Integer)) {
			findings.add(scaledObject.at("spec.fallback")
				.finding(scaledObject, "must keep a fallback replica count for when Prometheus is away"));
		}
	}

	private static void checkIngress(Rendering rendering, List<Finding> findings) {
		List<RenderedObject> ingresses = rendering.ofKind("Ingress");
		if (ingresses.isEmpty()) {
			findings.add(new Finding("Ingress/*", "spec", "the gateway must be exposed through an Ingress"));
		}
		for (RenderedObject ingress : ingresses) {
			ingress.at("spec.rules")
				.elements()
				.flatMap((rule) -> rule.at("http.paths").elements())
				.map((path) -> path.at("backend.service.name"))
				.filter((service) -> !service.is(PUBLIC_SERVICE))
				.forEach((service) -> findings
					.add(service.finding(ingress, "exposes " + service.text() + ": only the gateway is public")));
			List<String> tlsHosts = ingress.at("spec.tls")
				.elements()
				.filter((tls) -> !tls.get("secretName").missing() || ingress.at("spec.ingressClassName").is("alb"))
				.flatMap((tls) -> tls.get("hosts").elements())
				.map(Node::text)
				.toList();
			ingress.at("spec.rules").elements().forEach((rule) -> {
				Node host = rule.get("host");
				if (host.missing() || !tlsHosts.contains(host.text())) {
					findings.add(host.finding(ingress, "must be served over TLS (a spec.tls entry for this host)"));
				}
			});
		}
		rendering.ofKind("Service")
			.stream()
			.filter((service) -> service.at("spec.type").is("LoadBalancer") || service.at("spec.type").is("NodePort"))
			.forEach((service) -> findings.add(service.at("spec.type")
				.finding(service, "must be ClusterIP: clients come in through the gateway's Ingress only")));
	}

	private static void checkNamespace(Rendering rendering, List<Finding> findings) {
		List<RenderedObject> namespaces = rendering.ofKind("Namespace");
		if (namespaces.isEmpty()) {
			findings.add(new Finding("Namespace/*", "metadata", "the overlay must create its namespace"));
		}
		for (RenderedObject namespace : namespaces) {
			Node enforce = namespace.at("metadata.labels").key("pod-security.kubernetes.io/enforce");
			if (!enforce.is("restricted")) {
				findings.add(enforce.finding(namespace, "must enforce the restricted Pod Security Standard"));
			}
		}
	}

	private static void checkScraped(Rendering rendering, List<Finding> findings) {
		List<RenderedObject> monitors = rendering.ofKind("ServiceMonitor");
		for (RenderedObject service : rendering.ofKind("Service")) {
			boolean scraped = monitors.stream()
				.anyMatch((monitor) -> Workloads.selects(monitor.at("spec.selector.matchLabels").strings(),
						service.at("metadata.labels").strings())
						&& monitor.at("spec.endpoints")
							.elements()
							.anyMatch((endpoint) -> service.at("spec.ports")
								.elements()
								.anyMatch((port) -> port.get("name").is(endpoint.get("port").value()))));
			if (!scraped) {
				findings.add(service.at("metadata.labels")
					.finding(service, "no ServiceMonitor scrapes this Service's port"));
			}
		}
	}

}
