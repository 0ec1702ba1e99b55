package io.opencontrol.auth.keys;

import java.time.Clock;

import io.opencontrol.auth.server.AuthProperties;
import io.opencontrol.platform.scheduling.FixedDelayTask;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Checks the rotation schedule every {@code check-interval} and reloads the published
 * keys.
 */
@Component
@EnableConfigurationProperties(KeyRotationProperties.class)
class KeyRotation extends FixedDelayTask {

	KeyRotation(SigningKeyStore store, SigningKeys keys, KeyRotationProperties schedule, AuthProperties auth,
			Clock clock) {
		super("signing-key-rotation", schedule.checkInterval(), () -> {
			store.rotate(clock.instant(), schedule);
			keys.reload();
		});
		if (schedule.retention().compareTo(auth.accessTokenTimeToLive()) < 0) {
			throw new IllegalArgumentException("opencontrol.auth.keys.retention (" + schedule.retention()
					+ ") must be at least the access-token lifetime (" + auth.accessTokenTimeToLive()
					+ "), or tokens would outlive the key that verifies them");
		}
	}

}
