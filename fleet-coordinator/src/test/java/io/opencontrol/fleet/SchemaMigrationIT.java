package io.opencontrol.fleet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestcontainersConfiguration.class)
class SchemaMigrationIT {

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void flywayCreatesTheFleetSchemaOnAConfiguredDatabase() {
		assertThat(
				this.jdbc.sql("select count(*) from flyway_schema_history where success").query(Integer.class).single())
			.isGreaterThanOrEqualTo(1);
		this.jdbc.sql("insert into fleet (id, name) values ('warehouse-7', 'Warehouse 7')").update();
		assertThat(this.jdbc.sql("select name from fleet where id = 'warehouse-7'").query(String.class).single())
			.isEqualTo("Warehouse 7");
	}

	@Test
	void rejectsFleetIdsThatAreNotSlugs() {
		assertThatThrownBy(() -> this.jdbc.sql("insert into fleet (id, name) values ('../etc', 'x')").update())
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void readinessIncludesTheDatabase() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"db\":{\"status\":\"UP\"").contains("\"status\":\"UP\"");
	}

}
