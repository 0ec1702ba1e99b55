package io.opencontrol.deploychecks.kubernetes;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NetworkPolicies let through exactly the connections OpenControl makes (ARCHITECTURE
 * §1, §2, §6) and nothing else: clients to the gateway, the gateway to every service,
 * every service to the auth-service's key set, the health-aggregator to what it polls,
 * the database clients to PostgreSQL, every pod to the cluster DNS, Prometheus to every
 * service's port.
 */
class NetworkPathsTests {

	private static final String DNS = "namespaces{kubernetes.io/metadata.name=kube-system}/pods{k8s-app=kube-dns}";

	private static final String PROMETHEUS = "namespaces{opencontrol.io/monitoring=true}/pods{app.kubernetes.io/name=prometheus}";

	private static final Set<String> SERVICE_PATHS = Set.of("anywhere -> gateway:8080/TCP",
			"gateway -> auth-service:9000/TCP", "gateway -> model-server:8081/TCP",
			"gateway -> fleet-coordinator:8082/TCP", "gateway -> health-aggregator:8083/TCP",
			"model-server -> auth-service:9000/TCP", "fleet-coordinator -> auth-service:9000/TCP",
			"health-aggregator -> auth-service:9000/TCP", "health-aggregator -> model-server:8081/TCP",
			"health-aggregator -> fleet-coordinator:8082/TCP", PROMETHEUS + " -> auth-service:9000/TCP",
			PROMETHEUS + " -> gateway:8080/TCP", PROMETHEUS + " -> model-server:8081/TCP",
			PROMETHEUS + " -> fleet-coordinator:8082/TCP", PROMETHEUS + " -> health-aggregator:8083/TCP");

	private static final Set<String> SERVICES = Set.of("auth-service", "gateway", "model-server", "fleet-coordinator",
			"health-aggregator");

	static Stream<String> managedDatabaseOverlays() {
		return Stream.of("production", "aws", "gcp", "azure", "production-keda", "aws-canary");
	}

	@ParameterizedTest
	@MethodSource("managedDatabaseOverlays")
	void productionAllowsExactlyTheRealPaths(String overlay) {
		Set<String> expected = new TreeSet<>(SERVICE_PATHS);
		expected.addAll(dns(SERVICES));
		expected.add("auth-service -> 10.0.32.0/20:5432/TCP");
		expected.add("fleet-coordinator -> 10.0.32.0/20:5432/TCP");
		assertThat(NetworkPolicyGraph.connections(Overlays.render(overlay))).containsExactlyElementsOf(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = "dev")
	void devAllowsExactlyTheRealPathsWithPostgresInTheCluster(String overlay) {
		Set<String> expected = new TreeSet<>(SERVICE_PATHS);
		expected.addAll(dns(SERVICES));
		expected.addAll(dns(Set.of("postgres")));
		expected.add("auth-service -> postgres:5432/TCP");
		expected.add("fleet-coordinator -> postgres:5432/TCP");
		assertThat(NetworkPolicyGraph.connections(Overlays.render(overlay))).containsExactlyElementsOf(expected);
	}

	private static Set<String> dns(Set<String> workloads) {
		Set<String> paths = new TreeSet<>();
		for (String workload : workloads) {
			paths.add(workload + " -> " + DNS + ":53/UDP");
			paths.add(workload + " -> " + DNS + ":53/TCP");
		}
		return paths;
	}

}
