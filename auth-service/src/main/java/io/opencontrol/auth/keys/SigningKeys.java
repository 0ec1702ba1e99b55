package io.opencontrol.auth.keys;

import java.time.Clock;
import java.time.Duration;
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
 * {@code /oauth2/jwks} and names the active one, the newest that is not retired, for
 * signing. Reads the store at most once per refresh interval so that keys created by
 * another replica show up here too.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

	private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);

	private final SigningKeyStore store;

	private final Clock clock;

	private volatile Snapshot snapshot;

	SigningKeys(SigningKeyStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
		store.ensureActiveKey();
		this.snapshot = load();
	}

	/** The {@code kid} that new tokens are signed with. */
	public String activeKeyId() {
		return current().activeKeyId();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(current().keys());
	}

	private Snapshot current() {
		Snapshot current = this.snapshot;
		if (current.loadedAt().plus(REFRESH_INTERVAL).isBefore(this.clock.instant())) {
			current = load();
			this.snapshot = current;
		}
		return current;
	}

	private Snapshot load() {
		List<SigningKeyStore.StoredKey> stored = this.store.published();
		String active = stored.stream()
			.filter(SigningKeyStore.StoredKey::active)
			.findFirst()
			.map((key) -> key.key().getKeyID())
			.orElseThrow(() -> new IllegalStateException("No active signing key is stored"));
		List<JWK> keys = stored.stream().map((key) -> (JWK) key.key()).toList();
		return new Snapshot(new JWKSet(keys), active, this.clock.instant());
	}

	private record Snapshot(JWKSet keys, String activeKeyId, Instant loadedAt) {
	}

}
