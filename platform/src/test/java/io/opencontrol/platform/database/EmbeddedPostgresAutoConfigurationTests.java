package io.opencontrol.platform.database;

import java.lang.reflect.Field;
import java.nio.channels.FileLock;
import java.nio.file.Files;
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
	void takesOverTheDirectoryFromAServerWhoseServiceDied() throws Exception {
		// A service killed with SIGKILL leaves its PostgreSQL running: it is in its own
		// session.
		EmbeddedPostgres orphan = EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.start();
		ProcessHandle orphanProcess = postmasterOf(this.dataDirectory);
		releaseOwnerLockWithoutStopping(orphan);

		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class)).isEqualTo(1);
		});
		assertThat(orphanProcess.isAlive()).isFalse();
	}

	@Test
	void neverStopsTheServerOfALiveInstance() throws Exception {
		try (EmbeddedPostgres owner = EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.start()) {
			runner().run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Another process is running PostgreSQL"));
			assertThat(owner.getPostgresDatabase().getConnection().isValid(1)).isTrue();
		}
	}

	private static ProcessHandle postmasterOf(Path dataDirectory) throws Exception {
		String pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip();
		return ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
	}

	// What the JVM's death does to the embedded server: its file lock goes, its server
	// stays.
	private static void releaseOwnerLockWithoutStopping(EmbeddedPostgres postgres) throws Exception {
		Field lock = EmbeddedPostgres.class.getDeclaredField("lock");
		lock.setAccessible(true);
		((FileLock) lock.get(postgres)).release();
	}

	@Test
	void commitsDurably() {
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
			assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
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
