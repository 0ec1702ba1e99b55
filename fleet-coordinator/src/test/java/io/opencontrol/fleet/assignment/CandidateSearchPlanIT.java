package io.opencontrol.fleet.assignment;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.opencontrol.fleet.TestcontainersConfiguration;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans PostgreSQL keeps for the nearest-robots searches. They run as generic plans,
 * which cannot see which fleet is asked about, so they must walk the nearest-neighbour
 * index whatever its statistics say: one large fleet among many small ones is where a
 * plan that reads and sorts the whole fleet looks cheapest on paper (and costs ten times
 * more at 10,000 robots).
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestcontainersConfiguration.class)
class CandidateSearchPlanIT {

	private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([a-z_]+)");

	/** A request's values, as the driver binds them: type and SQL literal, by name. */
	private static final Map<String, String[]> VALUES = Map.ofEntries(
			Map.entry("fleet", new String[] { "text", "'plan-large'" }),
			Map.entry("now", new String[] { "timestamptz", "now()" }), number("x", "25"), number("y", "25"),
			number("carry_m", "0"), number("work_s", "60"), number("deadline_s", "null"),
			Map.entry("capabilities", new String[] { "text[]", "'{}'" }), number("to_charger_m", "30"),
			number("drain_m", "0.01"), number("drain_s", "0.001"), number("reserve", "15"), number("w_time", "1"),
			number("w_lateness", "1"), number("w_busyness", "1"), number("w_energy", "0.1"),
			number("priority_factor", "1"), Map.entry("nearest", new String[] { "int", "16" }));

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theNearestRobotsAreFoundByWalkingTheIndexWhateverTheStatisticsSay() throws Exception {
		this.jdbc.sql("insert into fleet (id, name) values ('plan-large', 'large')").update();
		this.jdbc.sql("""
				insert into robot (id, fleet_id, capabilities, x, y, speed_mps, battery_pct, capacity)
				select 'plan-large-r' || i, 'plan-large', '{}', random() * 50, random() * 50, 1.5, 100, 100
				from generate_series(1, 3000) i""").update();
		for (int f = 0; f < 60; f++) {
			this.jdbc.sql("insert into fleet (id, name) values (?, 'small')").param("plan-small-" + f).update();
			this.jdbc.sql("""
					insert into robot (id, fleet_id, capabilities, x, y, speed_mps, battery_pct, capacity)
					select ? || '-r' || i, ?, '{}', random() * 50, random() * 50, 1.5, 100, 100
					from generate_series(1, 5) i""").params("plan-small-" + f, "plan-small-" + f).update();
		}
		this.jdbc.sql("analyze robot").update();

		JsonNode near = nearCte(genericPlan(CandidateSearch.NEAREST_FIRST));
		assertThat(near).as("the plan's CTE near").isNotNull();
		List<String> nodes = new ArrayList<>();
		collect(near, nodes);
		assertThat(nodes).as("plan of the nearest robots").containsExactly("Limit", "Index Scan using robot_nearby");
	}

	/**
	 * The plan PostgreSQL keeps for the statement once it stops planning per request, run
	 * once with the settings the search uses.
	 */
	private JsonNode genericPlan(String sql) throws Exception {
		List<String> order = new ArrayList<>();
		Matcher named = NAMED.matcher(sql);
		StringBuilder positional = new StringBuilder();
		while (named.find()) {
			if (!order.contains(named.group(1))) {
				order.add(named.group(1));
			}
			named.appendReplacement(positional, "\\$" + (order.indexOf(named.group(1)) + 1));
		}
		named.appendTail(positional);
		assertThat(VALUES).as("a value for each parameter").containsKeys(order.toArray(String[]::new));
		String types = String.join(", ", order.stream().map((parameter) -> VALUES.get(parameter)[0]).toList());
		String arguments = String.join(", ", order.stream().map((parameter) -> VALUES.get(parameter)[1]).toList());
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			try {
				statement.execute(CandidateSearch.PLANNER_SETTINGS);
				statement.execute("prepare nearest(" + types + ") as " + positional);
				try (ResultSet plan = statement
					.executeQuery("explain (analyze, format json) execute nearest(" + arguments + ")")) {
					plan.next();
					JsonNode explained = JsonMapper.builder().build().readTree(plan.getString(1)).get(0);
					// Compiling a statement this short costs far more than running it.
					assertThat(explained.has("JIT")).as("JIT-compiled: %s", explained.get("JIT")).isFalse();
					return explained.get("Plan");
				}
			}
			finally {
				connection.rollback();
				statement.execute("deallocate nearest");
				connection.setAutoCommit(true);
			}
		}
	}

	private static Map.Entry<String, String[]> number(String name, String literal) {
		return Map.entry(name, new String[] { "float8", literal });
	}

	private static JsonNode nearCte(JsonNode plan) {
		if ("CTE near".equals(plan.path("Subplan Name").asString(""))) {
			return plan;
		}
		for (JsonNode child : plan.path("Plans")) {
			JsonNode found = nearCte(child);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	private static void collect(JsonNode plan, List<String> nodes) {
		String type = plan.get("Node Type").asString();
		nodes.add(plan.has("Index Name") ? type + " using " + plan.get("Index Name").asString() : type);
		for (JsonNode child : plan.path("Plans")) {
			collect(child, nodes);
		}
	}

}
