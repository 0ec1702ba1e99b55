package io.opencontrol.platform.database;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a configured database is checked before the service first uses it.
 *
 * @param reachableWithin how long the database server may take to accept a connection (it
 * may be starting beside the service); then the service refuses to start
 */
record DatabaseCheckProperties(@DefaultValue("30s") Duration reachableWithin) {

	DatabaseCheckProperties {
		if (reachableWithin.isNegative()) {
			throw new IllegalArgumentException(
					"opencontrol.database.reachable-within must not be negative, was " + reachableWithin);
		}
	}

}
