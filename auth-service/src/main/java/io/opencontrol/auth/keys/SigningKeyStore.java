package io.opencontrol.auth.keys;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signing keys in PostgreSQL, so every replica signs with and publishes the same
 * keys.
 */
@Repository
class SigningKeyStore {

	private static final int KEY_SIZE = 2048;

	// Serializes key creation across replicas starting at the same moment.
	private static final long CREATE_LOCK = 0x6f63_6b65_7973L;

	private final JdbcClient jdbc;

	SigningKeyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every key still published, newest first. */
	List<StoredKey> published() {
		return this.jdbc
			.sql("select kid, public_key, private_key, retired_at is null as active "
					+ "from signing_key order by created_at desc, kid")
			.query((rs, row) -> new StoredKey(
					toRsaKey(rs.getString("kid"), rs.getBytes("public_key"), rs.getBytes("private_key")),
					rs.getBoolean("active")))
			.list();
	}

	/**
	 * Creates a signing key unless an active one exists; safe to call from several
	 * replicas at once.
	 */
	@Transactional
	public void ensureActiveKey() {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(CREATE_LOCK).query().singleRow();
		Integer active = this.jdbc.sql("select count(*) from signing_key where retired_at is null")
			.query(Integer.class)
			.single();
		if (active == 0) {
			KeyPair pair = generate();
			this.jdbc.sql("insert into signing_key (kid, public_key, private_key) values (?, ?, ?)")
				.params(UUID.randomUUID().toString(), pair.getPublic().getEncoded(), pair.getPrivate().getEncoded())
				.update();
		}
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(KEY_SIZE);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JVM has no RSA key generator", ex);
		}
	}

	private static RSAKey toRsaKey(String kid, byte[] publicKey, byte[] privateKey) {
		try {
			KeyFactory factory = KeyFactory.getInstance("RSA");
			RSAPublicKey rsaPublic = (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicKey));
			RSAPrivateKey rsaPrivate = (RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey));
			return new RSAKey.Builder(rsaPublic).privateKey(rsaPrivate)
				.keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.build();
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
			throw new IllegalStateException("Signing key " + kid + " cannot be read", ex);
		}
	}

	record StoredKey(RSAKey key, boolean active) {
	}

}
