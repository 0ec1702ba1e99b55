package io.opencontrol.deploychecks.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each check fires: every broken manifest (a real overlay with one defect) is rejected
 * with a finding that names the object and the field.
 */
class BrokenManifestTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					unknown-field            | Deployment/model-server           | spec.template.spec.containers[0].imagePulPolicy | unknown field
					wrong-type               | Service/gateway                   | spec.ports[0].port                              | expected an integer
					missing-required         | Ingress/gateway                   | spec.rules[0].http.paths[0].pathType            | required field
					unserved-kind            | PodDisruptionBudget/legacy        | apiVersion                                      | not served by policy/v1beta1
					bad-quantity             | Deployment/gateway                | spec.template.spec.containers[0].resources.limits[memory] | expected a quantity
					crd-unknown-field        | ServiceMonitor/opencontrol        | spec.endpoint                                   | unknown field
					crd-wrong-type           | ScaledObject/model-server         | spec.maxReplicaCount                            | expected a number
					selector-mismatch        | Deployment/fleet-coordinator      | spec.selector.matchLabels[app.kubernetes.io/name] | selector does not match template labels
					bad-name                 | ConfigMap/Model_Settings          | metadata.name                                   | DNS-1123
					min-above-max            | HorizontalPodAutoscaler/gateway   | spec.minReplicas                                | less than or equal to spec.maxReplicas
					probe-port-missing       | Deployment/auth-service           | spec.template.spec.containers[0].readinessProbe.httpGet.port | names port "admin"
					privilege-escalation     | Deployment/health-aggregator      | spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation | must be false
					writable-root            | Deployment/gateway                | spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem | must be true
					token-mounted            | Deployment/fleet-coordinator      | spec.template.spec.automountServiceAccountToken | must be false
					no-limits                | Deployment/model-server           | spec.template.spec.containers[0].resources.limits[cpu] | required
					no-readiness-probe       | Deployment/gateway                | spec.template.spec.containers[0].readinessProbe | required
					no-prestop               | Deployment/model-server           | spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds | preStop pause
					short-grace              | Deployment/model-server           | spec.template.spec.terminationGracePeriodSeconds | must cover the preStop pause
					no-spread                | Deployment/gateway                | spec.template.spec.topologySpreadConstraints    | topology.kubernetes.io/zone
					no-budget                | Deployment/gateway                | spec.template.metadata.labels                   | exactly one PodDisruptionBudget
					blocking-budget          | PodDisruptionBudget/model-server  | spec.maxUnavailable                             | at least one pod
					eviction-policy          | PodDisruptionBudget/auth-service  | spec.unhealthyPodEvictionPolicy                 | AlwaysAllow
					open-egress              | NetworkPolicy/model-server        | spec.egress[1].to                               | egress to anywhere
					open-ingress             | NetworkPolicy/auth-service        | spec.ingress[1].from                            | ingress from anywhere
					no-default-deny          | NetworkPolicy/*                   | spec                                            | denies all ingress and egress
					hpa-target-missing       | HorizontalPodAutoscaler/model-server | spec.scaleTargetRef.name                     | Deployment/model-servers, which is not rendered
					committed-secret         | Secret/opencontrol-database-copy  | (object)                                        | never rendered from the repository
					no-tls                   | Ingress/gateway                   | spec.rules[0].host                              | TLS
					exposed-service          | Ingress/gateway                   | spec.rules[0].http.paths[1].backend.service.name | only the gateway is public
					one-replica              | Deployment/auth-service           | spec.replicas                                   | at least 2
					service-port-missing     | Service/model-server              | spec.ports[0].targetPort                        | does not declare
					configmap-missing        | Deployment/gateway                | spec.template.spec.containers[0].envFrom[1].configMapRef.name | opencontrol-settings, which is not rendered
					latest-image             | Deployment/gateway                | spec.template.spec.containers[0].image          | must name a version
					no-queue-time-metric     | HorizontalPodAutoscaler/model-server | spec.metrics                                 | opencontrol_queue_time_seconds_mean
					keda-no-fallback         | ScaledObject/model-server         | spec.fallback                                   | fallback replica count
					namespace-not-restricted | Namespace/opencontrol             | metadata.labels[pod-security.kubernetes.io/enforce] | restricted
					not-scraped              | Service/fleet-coordinator         | metadata.labels                                 | no ServiceMonitor
					""")
	void isRejectedNamingTheObjectAndField(String fixture, String object, String field, String problem) {
		List<Finding> findings = OverlayChecks.findings("production", Overlays.renderBroken(fixture));
		assertThat(findings).as("findings of broken/%s", fixture)
			.anySatisfy((finding) -> assertThat(finding.toString()).startsWith(object + " " + field + ": ")
				.contains(problem));
	}

	@Test
	void everyBrokenManifestHasACase() throws IOException, NoSuchMethodException {
		CsvSource cases = getClass()
			.getDeclaredMethod("isRejectedNamingTheObjectAndField", String.class, String.class, String.class,
					String.class)
			.getAnnotation(CsvSource.class);
		Set<String> covered = Stream.of(cases.textBlock().split("\n"))
			.map((line) -> line.split("\\|")[0].strip())
			.filter((name) -> !name.isEmpty())
			.collect(Collectors.toSet());
		try (Stream<Path> fixtures = Files.list(Overlays.BROKEN)) {
			assertThat(fixtures.map((path) -> path.getFileName().toString()))
				.containsExactlyInAnyOrderElementsOf(covered);
		}
	}

}
