package io.opencontrol.platform.database;

import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresAutoConfigurationTests {

	@TempDir
	Path dataDirectory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class,
					DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
			.withPropertyValues("opencontrol.embedded-postgres.data-directory=" + this.dataDirectory);
	}

	@Test
	void keepsDataAcrossRestartsInTheConfiguredDirectory() {
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("create table marker (name text primary key)");
			jdbc.update("insert into marker values ('kept')");
		});
		assertThat(this.dataDirectory.resolve("PG_VERSION")).exists();

		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList("select name from marker", String.class)).containsExactly("kept");
		});
	}

	@Test
	void staysOffWhenADatasourceIsConfigured() {
		runner().withPropertyValues("spring.datasource.url=jdbc:postgresql://db.invalid:5432/fleet")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedPostgres.class));
	}

	@Test
	void staysOffWhenDisabled() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class))
			.withPropertyValues("opencontrol.embedded-postgres.data-directory=" + this.dataDirectory,
					"opencontrol.embedded-postgres.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedPostgres.class));
	}

	@Test
	void rejectsAPortOutOfRangeNamingTheProperty() {
		runner().withPropertyValues("opencontrol.embedded-postgres.port=70000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("opencontrol.embedded-postgres.port")
				.hasMessageContaining("70000"));
	}

}
