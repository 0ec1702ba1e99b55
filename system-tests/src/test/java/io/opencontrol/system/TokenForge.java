package io.opencontrol.system;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.opencontrol.testtokens.TestTokens;

/**
 * Makes tokens the way an attacker (or the auth-service) would: signed with the
 * auth-service's real signing key, read from its database, or with keys of the test's
 * own.
 */
final class TokenForge {

	private final RSAKey realKey;

	private final String issuer;

	private TokenForge(RSAKey realKey, String issuer) {
		this.realKey = realKey;
		this.issuer = issuer;
	}

	/** Reads the active signing key from the auth-service's PostgreSQL. */
	static TokenForge fromAuthDatabase(int postgresPort, String issuer) throws Exception {
		String url = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres?user=postgres";
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement();
				ResultSet key = statement.executeQuery("select kid, public_key, private_key from signing_key "
						+ "where retired_at is null order by created_at desc limit 1")) {
			if (!key.next()) {
				throw new IllegalStateException("auth-service has no active signing key");
			}
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAKey real = new RSAKey.Builder(
					(RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(key.getBytes("public_key"))))
				.privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(key.getBytes("private_key"))))
				.keyID(key.getString("kid"))
				.build();
			return new TokenForge(real, issuer);
		}
	}

	RSAKey realKey() {
		return this.realKey;
	}

	static RSAKey foreignKey(String kid) throws Exception {
		return new RSAKeyGenerator(2048).keyID(kid).generate();
	}

	/**
	 * Claims the gateway accepts: the real issuer and audience, valid for ten minutes.
	 */
	JWTClaimsSet.Builder claims(String subject, String... roles) {
		return TestTokens.claims(this.issuer, subject, List.of(roles), List.of("demo-fleet"));
	}

	String signedByRealKey(JWTClaimsSet claims) throws Exception {
		return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.realKey.getKeyID()).build(), claims,
				this.realKey);
	}

	static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey key) throws Exception {
		SignedJWT jwt = new SignedJWT(header, claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	/** A compact JWS assembled by hand, for headers no honest library would write. */
	static String compact(String headerJson, String payloadJson, byte[] signature) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(signature);
	}

}
