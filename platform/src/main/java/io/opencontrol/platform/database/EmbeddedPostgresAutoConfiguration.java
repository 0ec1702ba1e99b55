package io.opencontrol.platform.database;

import java.io.IOException;
import java.nio.file.Files;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Zero-setup database: a service that needs PostgreSQL and has no datasource configured
 * starts an embedded PostgreSQL server with its data in a configurable directory.
 * Configuring {@code spring.datasource.url} (compose, Kubernetes) or providing connection
 * details (a Testcontainers service connection) turns it off.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass({ EmbeddedPostgres.class, JdbcConnectionDetails.class })
@Conditional(NoDataSourceUrlCondition.class)
@ConditionalOnBooleanProperty(name = "opencontrol.embedded-postgres.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresAutoConfiguration {

	private static final Log logger = LogFactory.getLog(EmbeddedPostgresAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
		Files.createDirectories(properties.dataDirectory());
		OrphanedPostmaster.stopIfPresent(properties.dataDirectory(), properties.startupTimeout());
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(properties.dataDirectory())
			.setCleanDataDirectory(false)
			// Its own shutdown hook would stop PostgreSQL the moment SIGTERM arrives,
			// under requests that
			// graceful shutdown is still finishing; the context closes it last instead.
			.setRegisterShutdownHook(false)
			.setPGStartupWait(properties.startupTimeout())
			// The library starts PostgreSQL for throwaway test databases (-F, no
			// synchronous commit);
			// this one keeps a service's data, so committed means on disk.
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on");
		if (properties.port() > 0) {
			builder.setPort(properties.port());
		}
		EmbeddedPostgres postgres = builder.start();
		logger.info("Started embedded PostgreSQL on port " + postgres.getPort() + " with data in "
				+ properties.dataDirectory());
		return postgres;
	}

	@Bean
	JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgres postgres) {
		return new EmbeddedPostgresConnectionDetails(postgres.getJdbcUrl("postgres", "postgres"));
	}

	private record EmbeddedPostgresConnectionDetails(String getJdbcUrl) implements JdbcConnectionDetails {

		@Override
		public String getUsername() {
			return "postgres";
		}

		@Override
		public String getPassword() {
			return null;
		}

	}

}
