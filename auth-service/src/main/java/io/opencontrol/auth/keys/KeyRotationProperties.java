package io.opencontrol.auth.keys;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When signing keys change.
 *
 * @param rotationPeriod how long one key signs
 * @param publicationLead how long a new key is published before it signs; longer than the
 * time resource servers keep a fetched key set, so every verifier knows it before it sees
 * a token
 * @param retention how long a retired key stays published; at least the access-token
 * lifetime, so every token it signed expires before verifiers forget it
 * @param checkInterval how often the rotation schedule is checked
 */
@ConfigurationProperties("opencontrol.auth.keys")
public record KeyRotationProperties(@DefaultValue("24h") Duration rotationPeriod,
		@DefaultValue("10m") Duration publicationLead, @DefaultValue("31m") Duration retention,
		@DefaultValue("30s") Duration checkInterval) {

	public KeyRotationProperties {
		requirePositive("rotation-period", rotationPeriod);
		requirePositive("retention", retention);
		requirePositive("check-interval", checkInterval);
		if (publicationLead.isNegative() || publicationLead.compareTo(rotationPeriod) >= 0) {
			throw new IllegalArgumentException("opencontrol.auth.keys.publication-lead must be between 0 and "
					+ "rotation-period (" + rotationPeriod + "), was " + publicationLead);
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("opencontrol.auth.keys." + name + " must be positive, was " + value);
		}
	}

}
