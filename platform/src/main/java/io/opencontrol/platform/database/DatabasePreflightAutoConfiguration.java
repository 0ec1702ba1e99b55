package io.opencontrol.platform.database;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** A configured database ({@code spring.datasource.url}) is checked before first use. */
@AutoConfiguration
@ConditionalOnClass(DataSource.class)
@ConditionalOnProperty("spring.datasource.url")
public class DatabasePreflightAutoConfiguration {

	@Bean
	static DatabasePreflight databasePreflight(Environment environment) {
		return new DatabasePreflight(environment);
	}

}
