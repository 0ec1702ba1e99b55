package io.opencontrol.testtokens;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * An auth-service stand-in for tests of services that validate tokens themselves: one
 * RS256 key, published at {@link #jwkSetUri()}, and tokens with the claims the
 * auth-service issues.
 */
public final class TestTokens implements AutoCloseable {

	public static final String ISSUER = "http://auth.test";

	private final RSAKey key;

	private final HttpServer server;

	private TestTokens(RSAKey key, HttpServer server) {
		this.key = key;
		this.server = server;
	}

	public static TestTokens start() {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
			byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/oauth2/jwks", (exchange) -> {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwks.length);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(jwks);
				}
			});
			server.start();
			return new TestTokens(key, server);
		}
		catch (IOException | JOSEException ex) {
			throw new IllegalStateException("Cannot start the test token issuer", ex);
		}
	}

	public String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/oauth2/jwks";
	}

	/** A valid token for a person with these roles in these fleets. */
	public String token(List<String> roles, List<String> fleets) {
		return sign(claims("test-user", roles, fleets).build());
	}

	/**
	 * A token otherwise valid that expired two minutes ago: beyond any clock skew a
	 * service allows (at most a minute).
	 */
	public String expiredToken(List<String> roles, List<String> fleets) {
		Instant now = Instant.now();
		return sign(claims("test-user", roles, fleets).issueTime(Date.from(now.minusSeconds(600)))
			.notBeforeTime(Date.from(now.minusSeconds(600)))
			.expirationTime(Date.from(now.minusSeconds(120)))
			.build());
	}

	/** A valid token of a robot client speaking for {@code robotId}. */
	public String robotToken(String robotId, String fleet) {
		return sign(claims("robot-" + robotId, List.of("robot"), List.of(fleet)).claim("robot_id", robotId).build());
	}

	/**
	 * Claims as the auth-service writes them, valid for ten minutes; change what a test
	 * needs.
	 */
	public JWTClaimsSet.Builder claims(String subject, List<String> roles, List<String> fleets) {
		return claims(ISSUER, subject, roles, fleets);
	}

	/** The same claims under another issuer, for tokens signed with another key. */
	public static JWTClaimsSet.Builder claims(String issuer, String subject, List<String> roles, List<String> fleets) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer)
			.subject(subject)
			.audience("opencontrol")
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", roles)
			.claim("fleets", fleets);
	}

	public String sign(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
