package io.opencontrol.system;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the gateway, for every role and without a token, allowed or refused
 * exactly as ARCHITECTURE §2 says: read = GETs of status, robots, tasks, models and
 * health; control = inference, assignment, task transitions; write = registration,
 * configuration, models, clients and users; a robot = inference, its own state and
 * telemetry, its assignments, and the model's metadata and files (to run it on board).
 * This table is written from the design, not from the gateway's rules.
 */
@ExtendWith(SecuredGatewayExtension.class)
class AccessMatrixIT {

	static final Set<String> READ = Set.of("admin", "operator", "viewer");

	static final Set<String> CONTROL = Set.of("admin", "operator");

	static final Set<String> WRITE = Set.of("admin");

	static final Set<String> CONTROL_OR_ROBOT = Set.of("admin", "operator", "robot");

	static final Set<String> READ_OR_ROBOT = Set.of("admin", "operator", "viewer", "robot");

	static final Set<String> ROBOT = Set.of("robot");

	static final Set<String> NOBODY = Set.of();

	static final Set<String> EVERYONE = Set.of("admin", "operator", "viewer", "robot", "anonymous");

	static final Map<String, String> tokens = new HashMap<>();

	static SecuredGateway stack;

	@BeforeAll
	static void tokensOfEveryRole() throws Exception {
		stack = SecuredGatewayExtension.stack();
		for (String role : List.of("admin", "operator", "viewer", "robot")) {
			tokens.put(role, stack.demoToken(role));
		}
	}

	static Stream<Arguments> cells() {
		return Stream.of(
				// health-aggregator
				cell("GET", "/health", READ), cell("DELETE", "/health", NOBODY),
				// model-server: Open Inference Protocol v2 and the original /predict
				cell("POST", "/predict", CONTROL_OR_ROBOT), cell("GET", "/predict", NOBODY),
				cell("POST", "/v2/models/world_model/infer", CONTROL_OR_ROBOT),
				cell("POST", "/v2/models/world_model/versions/1/infer", CONTROL_OR_ROBOT), cell("GET", "/v2", READ),
				cell("GET", "/v2/health/live", READ), cell("GET", "/v2/health/ready", READ),
				// a robot reads the model's metadata and files to run it on board
				cell("GET", "/v2/models/world_model", READ_OR_ROBOT), cell("GET", "/v2/models/world_model/ready", READ),
				cell("GET", "/v2/models/world_model/versions/1", READ_OR_ROBOT),
				cell("GET", "/v2/repository/models/world_model/versions/1/files/model.onnx", READ_OR_ROBOT),
				cell("GET", "/v2/models/world_model/versions/1/ready", READ),
				cell("DELETE", "/v2/models/world_model", NOBODY), cell("POST", "/v2/repository/index", WRITE),
				cell("POST", "/v2/repository/models/world_model/load", WRITE),
				cell("POST", "/v2/repository/models/world_model/unload", WRITE),
				// fleet-coordinator
				cell("POST", "/assign_task", CONTROL), cell("GET", "/assign_task", NOBODY),
				cell("GET", "/api/fleets", READ), cell("GET", "/api/fleets/demo-fleet", READ),
				cell("GET", "/api/fleets/demo-fleet/assignments", READ), cell("POST", "/api/fleets", WRITE),
				cell("PUT", "/api/fleets/demo-fleet", WRITE), cell("DELETE", "/api/fleets/demo-fleet", WRITE),
				cell("GET", "/api/robots", READ), cell("GET", "/api/robots/demo-robot-1", READ),
				cell("POST", "/api/robots", WRITE), cell("PUT", "/api/robots/demo-robot-1", WRITE),
				cell("DELETE", "/api/robots/demo-robot-1", WRITE), cell("PATCH", "/api/robots/demo-robot-1", NOBODY),
				cell("PUT", "/api/robots/demo-robot-1/state", ROBOT),
				cell("POST", "/api/robots/demo-robot-1/heartbeats", ROBOT),
				cell("POST", "/api/robots/demo-robot-1/telemetry", ROBOT),
				cell("GET", "/api/robots/demo-robot-1/telemetry", READ),
				cell("GET", "/api/robots/demo-robot-1/heartbeat", READ),
				cell("GET", "/api/robots/demo-robot-1/assignments", READ_OR_ROBOT), cell("GET", "/api/tasks", READ),
				cell("GET", "/api/tasks/t-1", READ), cell("POST", "/api/tasks/t-1/start", CONTROL_OR_ROBOT),
				cell("POST", "/api/tasks/t-1/complete", CONTROL_OR_ROBOT),
				cell("POST", "/api/tasks/t-1/fail", CONTROL_OR_ROBOT), cell("POST", "/api/tasks/t-1/cancel", CONTROL),
				cell("DELETE", "/api/tasks/t-1", NOBODY),
				// auth-service: public token endpoints, administration
				cell("POST", "/oauth2/token", EVERYONE), cell("GET", "/oauth2/jwks", EVERYONE),
				cell("GET", "/api/admin/clients", WRITE), cell("POST", "/api/admin/clients", WRITE),
				cell("POST", "/api/admin/users", WRITE),
				// anything else is closed
				cell("GET", "/actuator/gateway/routes", NOBODY), cell("GET", "/fallback/model-server", NOBODY),
				cell("GET", "/api/unknown", NOBODY));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("cells")
	void allowsExactlyTheRolesOfTheDesign(String method, String path, Set<String> allowed) throws Exception {
		for (String principal : List.of("admin", "operator", "viewer", "robot", "anonymous")) {
			stack.backend().clear();
			HttpResponse<String> response = stack.call(method, path, tokens.get(principal));
			String cell = principal + " " + method + " " + path;
			if (allowed.contains(principal)) {
				assertThat(response.statusCode()).as(cell).isEqualTo(200);
				assertThat(stack.backend().requests()).as(cell + " reached the backend").hasSize(1);
			}
			else {
				int refused = "anonymous".equals(principal) ? 401 : 403;
				assertThat(response.statusCode()).as(cell).isEqualTo(refused);
				assertThat(stack.backend().requests()).as(cell + " reached the backend").isEmpty();
			}
		}
	}

	private static Arguments cell(String method, String path, Set<String> allowed) {
		return Arguments.of(method, path, allowed);
	}

}
