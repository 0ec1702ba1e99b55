package io.opencontrol.platform.security;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The auth-service's signing keys as a resource server knows them. A token whose
 * {@code kid} is not known triggers a fetch of the key set, but at most one per refresh
 * interval, however many such tokens arrive, and never two at once. A key set older than
 * its maximum age is fetched again, so keys the auth-service removed stop verifying
 * tokens. Fetching blocks the caller.
 */
public class KeySetCache {

	private static final Log logger = LogFactory.getLog(KeySetCache.class);

	private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();

	private final TokenProperties properties;

	private final Clock clock;

	private final Counter fetches;

	private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.MIN);

	private Instant lastAttempt = Instant.MIN;

	public KeySetCache(TokenProperties properties, Clock clock, MeterRegistry meters) {
		this.properties = properties;
		this.clock = clock;
		this.fetches = Counter.builder("opencontrol.jwks.fetches")
			.description("Fetches of the auth-service key set")
			.register(meters);
	}

	/** Whether {@link #keysFor} can answer for this {@code kid} without fetching. */
	public boolean answersWithoutFetching(String kid) {
		Snapshot current = this.snapshot;
		return isFresh(current) && !current.matching(kid).isEmpty();
	}

	/**
	 * The keys already known for a {@code kid}, never fetching: for callers that must not
	 * block. Used only after {@link #answersWithoutFetching} said yes, so at worst the
	 * set is a moment older than its maximum age.
	 */
	public List<JWK> knownKeysFor(String kid) {
		return (kid == null || kid.isEmpty()) ? List.of() : this.snapshot.matching(kid);
	}

	/**
	 * The verification keys for a token's {@code kid}; empty when no such key is
	 * published.
	 */
	public List<JWK> keysFor(String kid) {
		if (kid == null || kid.isEmpty()) {
			// Every key the auth-service publishes has a kid; a token without one is not
			// ours.
			return List.of();
		}
		Snapshot current = this.snapshot;
		List<JWK> known = current.matching(kid);
		if (isFresh(current) && !known.isEmpty()) {
			return known;
		}
		return refreshIfAllowed(current).matching(kid);
	}

	private boolean isFresh(Snapshot snapshot) {
		return snapshot.fetchedAt().plus(this.properties.jwksMaxAge()).isAfter(this.clock.instant());
	}

	private synchronized Snapshot refreshIfAllowed(Snapshot seen) {
		if (this.snapshot != seen) {
			// Another caller fetched while this one waited for the lock.
			return this.snapshot;
		}
		Instant now = this.clock.instant();
		if (isFresh(seen) && this.lastAttempt.plus(this.properties.jwksRefreshInterval()).isAfter(now)) {
			return seen;
		}
		this.lastAttempt = now;
		this.fetches.increment();
		try {
			this.snapshot = new Snapshot(fetch(), this.clock.instant());
		}
		catch (IOException | ParseException ex) {
			logger.warn("Cannot fetch the key set from " + this.properties.jwkSetUri() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.snapshot;
	}

	private List<JWK> fetch() throws IOException, InterruptedException, ParseException {
		HttpResponse<String> response = this.client.send(
				HttpRequest.newBuilder(this.properties.jwkSetUri()).timeout(FETCH_TIMEOUT).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("HTTP " + response.statusCode());
		}
		return JWKSet.parse(response.body())
			.getKeys()
			.stream()
			.filter(JwsVerification::isUsable)
			.map(JWK::toPublicJWK)
			.toList();
	}

	private record Snapshot(List<JWK> keys, Instant fetchedAt) {

		List<JWK> matching(String kid) {
			return JwsVerification.candidates(this.keys, kid);
		}

	}

}
