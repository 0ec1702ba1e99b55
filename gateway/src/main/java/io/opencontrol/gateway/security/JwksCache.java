package io.opencontrol.gateway.security;

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
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The auth-service's signing keys as the gateway knows them. A token whose {@code kid} is
 * not known triggers a fetch of the key set, but at most one per refresh interval,
 * however many such tokens arrive; concurrent fetches are shared. A key set older than
 * its maximum age is fetched again, so keys the auth-service removed stop verifying
 * tokens.
 */
class JwksCache {

	private static final Log logger = LogFactory.getLog(JwksCache.class);

	private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);

	private final WebClient client;

	private final TokenProperties properties;

	private final Clock clock;

	private final Counter fetches;

	private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.MIN);

	private volatile Instant lastAttempt = Instant.MIN;

	private volatile Mono<Snapshot> inFlight;

	JwksCache(WebClient.Builder client, TokenProperties properties, Clock clock, MeterRegistry meters) {
		this.client = client.build();
		this.properties = properties;
		this.clock = clock;
		this.fetches = Counter.builder("opencontrol.gateway.jwks.fetches")
			.description("Fetches of the auth-service key set")
			.register(meters);
	}

	/**
	 * The verification keys for a token's {@code kid}; empty when no such key is
	 * published.
	 */
	Mono<List<JWK>> keysFor(String kid) {
		if (kid == null || kid.isEmpty()) {
			// Every key the auth-service publishes has a kid; a token without one is not
			// ours.
			return Mono.just(List.of());
		}
		Snapshot current = this.snapshot;
		boolean fresh = current.fetchedAt().plus(this.properties.jwksMaxAge()).isAfter(this.clock.instant());
		List<JWK> known = current.matching(kid);
		if (fresh && !known.isEmpty()) {
			return Mono.just(known);
		}
		if (fresh && !mayRefresh()) {
			return Mono.just(List.of());
		}
		return refresh().map((refreshed) -> refreshed.matching(kid));
	}

	private boolean mayRefresh() {
		return this.lastAttempt.plus(this.properties.jwksRefreshInterval()).isBefore(this.clock.instant());
	}

	private synchronized Mono<Snapshot> refresh() {
		if (this.inFlight != null) {
			return this.inFlight;
		}
		if (!mayRefresh()) {
			return Mono.just(this.snapshot);
		}
		this.lastAttempt = this.clock.instant();
		this.fetches.increment();
		this.inFlight = this.client.get()
			.uri(this.properties.jwkSetUri())
			.retrieve()
			.bodyToMono(String.class)
			.timeout(FETCH_TIMEOUT)
			.map(this::parse)
			.doOnNext((fetched) -> this.snapshot = fetched)
			.onErrorResume((ex) -> {
				logger.warn("Cannot fetch the key set from " + this.properties.jwkSetUri() + ": " + ex.getMessage());
				return Mono.just(this.snapshot);
			})
			.doFinally((signal) -> clearInFlight())
			.cache();
		return this.inFlight;
	}

	private synchronized void clearInFlight() {
		this.inFlight = null;
	}

	private Snapshot parse(String body) {
		try {
			List<JWK> keys = JWKSet.parse(body)
				.getKeys()
				.stream()
				.filter(JwsVerification::isUsable)
				.map(JWK::toPublicJWK)
				.toList();
			return new Snapshot(keys, this.clock.instant());
		}
		catch (ParseException ex) {
			throw new IllegalStateException("The key set is not a JWK set", ex);
		}
	}

	private record Snapshot(List<JWK> keys, Instant fetchedAt) {

		List<JWK> matching(String kid) {
			return JwsVerification.candidates(this.keys, kid);
		}

	}

}
