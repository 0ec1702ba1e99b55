package io.opencontrol.deploychecks.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every name one object uses for another resolves within the rendering: autoscaler and
 * rollout targets, the pods of budgets and Services, the ports Services and Ingresses
 * forward to, the ConfigMaps, ServiceAccounts and volumes pods use. Secrets are the
 * exception by design: outside dev they are created in the cluster, never rendered from
 * the repository.
 */
public final class References implements Check {

	private final boolean secretsRendered;

	/**
	 * @param secretsRendered whether the overlay generates its Secrets (dev) or only
	 * refers to them
	 */
	public References(boolean secretsRendered) {
		this.secretsRendered = secretsRendered;
	}

	@Override
	public List<Finding> check(Rendering rendering) {
		List<Finding> findings = new ArrayList<>();
		for (RenderedObject object : rendering.objects()) {
			switch (object.kind()) {
				case "HorizontalPodAutoscaler", "ScaledObject" ->
					checkTarget(rendering, object, object.at("spec.scaleTargetRef"), findings);
				case "Rollout" -> {
					if (!object.at("spec.workloadRef").missing()) {
						checkTarget(rendering, object, object.at("spec.workloadRef"), findings);
					}
				}
				case "PodDisruptionBudget" -> checkSelectsPods(rendering, object, findings);
				case "Service" -> checkService(rendering, object, findings);
				case "Ingress" -> checkIngress(rendering, object, findings);
				case "Secret" -> {
					if (!this.secretsRendered) {
						findings.add(object.root()
							.finding(object, "secrets are referenced, never rendered from the repository: "
									+ "create it in the cluster (k8s/README.md)"));
					}
				}
				default -> {
				}
			}
			object.podSpec().ifPresent((spec) -> checkPodReferences(rendering, object, spec, findings));
		}
		return findings;
	}

	private static void checkTarget(Rendering rendering, RenderedObject object, Node reference,
			List<Finding> findings) {
		String kind = Optional.ofNullable(reference.get("kind").text()).orElse("Deployment");
		String name = reference.get("name").text();
		if (rendering.find(kind, String.valueOf(name)).isEmpty()) {
			findings
				.add(reference.get("name").finding(object, "targets " + kind + "/" + name + ", which is not rendered"));
		}
	}

	private static void checkSelectsPods(Rendering rendering, RenderedObject object, List<Finding> findings) {
		Node selector = object.at("spec.selector.matchLabels");
		if (selected(rendering, selector).isEmpty()) {
			findings.add(selector.finding(object, "selects no pods of any workload"));
		}
	}

	private static List<RenderedObject> selected(Rendering rendering, Node matchLabels) {
		return Workloads.of(rendering)
			.stream()
			.filter((workload) -> !matchLabels.strings().isEmpty()
					&& Workloads.selects(matchLabels.strings(), workload.podLabels()))
			.toList();
	}

	private static void checkService(Rendering rendering, RenderedObject service, List<Finding> findings) {
		Node selector = service.at("spec.selector");
		List<RenderedObject> pods = Workloads.of(rendering)
			.stream()
			.filter((workload) -> !selector.strings().isEmpty()
					&& Workloads.selects(selector.strings(), workload.podLabels()))
			.toList();
		if (pods.isEmpty()) {
			findings.add(selector.finding(service, "selects no pods of any workload"));
			return;
		}
		service.at("spec.ports").elements().forEach((port) -> {
			Node target = port.get("targetPort");
			Object value = target.missing() ? port.get("port").value() : target.value();
			for (RenderedObject workload : pods) {
				if (Workloads.resolvePort(workload, value).isEmpty()) {
					findings.add((target.missing() ? port.get("port") : target).finding(service,
							"forwards to port " + value + ", which " + workload.id() + " does not declare"));
				}
			}
		});
	}

	private static void checkIngress(Rendering rendering, RenderedObject ingress, List<Finding> findings) {
		ingress.at("spec.rules").elements().flatMap((rule) -> rule.at("http.paths").elements()).forEach((path) -> {
			Node backend = path.at("backend.service");
			Optional<RenderedObject> service = rendering.find("Service", String.valueOf(backend.get("name").text()));
			if (service.isEmpty()) {
				findings.add(backend.get("name").finding(ingress, "names a Service that is not rendered"));
				return;
			}
			Node port = backend.get("port");
			boolean exists = service.get()
				.at("spec.ports")
				.elements()
				.anyMatch((declared) -> (!port.get("name").missing()
						&& port.get("name").is(declared.get("name").value()))
						|| (!port.get("number").missing() && port.get("number").is(declared.get("port").value())));
			if (!exists) {
				findings.add(port.finding(ingress, "names a port " + service.get().id() + " does not have"));
			}
		});
	}

	private void checkPodReferences(Rendering rendering, RenderedObject workload, Node spec, List<Finding> findings) {
		Node account = spec.get("serviceAccountName");
		if (!account.missing() && rendering.find("ServiceAccount", account.text()).isEmpty()) {
			findings.add(account.finding(workload, "names a ServiceAccount that is not rendered"));
		}
		spec.get("volumes").elements().forEach((volume) -> {
			requireRendered(rendering, workload, "ConfigMap", volume.at("configMap.name"),
					volume.at("configMap.optional"), findings);
			requireSecret(rendering, workload, volume.at("secret.secretName"), volume.at("secret.optional"), findings);
			Node claim = volume.at("persistentVolumeClaim.claimName");
			requireRendered(rendering, workload, "PersistentVolumeClaim", claim, new Node(null, ""), findings);
		});
		workload.allContainers().forEach((container) -> {
			container.get("envFrom").elements().forEach((source) -> {
				requireRendered(rendering, workload, "ConfigMap", source.at("configMapRef.name"),
						source.at("configMapRef.optional"), findings);
				requireSecret(rendering, workload, source.at("secretRef.name"), source.at("secretRef.optional"),
						findings);
			});
			container.get("env").elements().forEach((variable) -> {
				Node from = variable.get("valueFrom");
				requireRendered(rendering, workload, "ConfigMap", from.at("configMapKeyRef.name"),
						from.at("configMapKeyRef.optional"), findings);
				requireSecret(rendering, workload, from.at("secretKeyRef.name"), from.at("secretKeyRef.optional"),
						findings);
			});
		});
	}

	private static void requireRendered(Rendering rendering, RenderedObject workload, String kind, Node name,
			Node optional, List<Finding> findings) {
		if (!name.missing() && !optional.is(true) && rendering.find(kind, name.text()).isEmpty()) {
			findings.add(name.finding(workload, "names " + kind + " " + name.text() + ", which is not rendered"));
		}
	}

	private void requireSecret(Rendering rendering, RenderedObject workload, Node name, Node optional,
			List<Finding> findings) {
		if (this.secretsRendered) {
			requireRendered(rendering, workload, "Secret", name, optional, findings);
		}
	}

}
