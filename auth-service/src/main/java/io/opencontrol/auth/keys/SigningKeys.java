package io.opencontrol.auth.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.stereotype.Component;

/**
 * The key source of the authorization server: publishes every stored key at
 * {@code /oauth2/jwks} (the next one before it signs, retired ones until their tokens
 * have expired) and names the active one, the last to have activated, for signing.
 * {@link KeyRotation} reloads it after every rotation check, which is also how keys
 * created by another replica show up here.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

	private final SigningKeyStore store;

	private final Clock clock;

	private volatile List<SigningKeyStore.StoredKey> keys;

	SigningKeys(SigningKeyStore store, Clock clock, KeyRotationProperties schedule) {
		this.store = store;
		this.clock = clock;
		store.rotate(clock.instant(), schedule);
		reload();
	}

	void reload() {
		this.keys = this.store.published();
	}

	/** The {@code kid} that new tokens are signed with. */
	public String activeKeyId() {
		Instant now = this.clock.instant();
		return this.keys.stream()
			.filter((key) -> !key.activatesAt().isAfter(now))
			.findFirst()
			.map((key) -> key.key().getKeyID())
			.orElseThrow(() -> new IllegalStateException("No signing key is active"));
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(new JWKSet(this.keys.stream().map((key) -> (JWK) key.key()).toList()));
	}

}
