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
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

	// Serializes rotation across replicas running it at the same moment.
	private static final long ROTATION_LOCK = 0x6f63_6b65_7973L;

	private final JdbcClient jdbc;

	SigningKeyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every key still published, the one that activates last first. */
	List<StoredKey> published() {
		return this.jdbc
			.sql("select kid, public_key, private_key, activates_at from signing_key "
					+ "order by activates_at desc, created_at desc")
			.query((rs, row) -> new StoredKey(
					toRsaKey(rs.getString("kid"), rs.getBytes("public_key"), rs.getBytes("private_key")),
					rs.getTimestamp("activates_at").toInstant()))
			.list();
	}

	/**
	 * Brings the keys up to date at {@code now}: a first key if there is none, the next
	 * key published {@code publicationLead} before the active one's period ends,
	 * predecessors of the active key retired, and keys retired longer than
	 * {@code retention} deleted. Safe to run from several replicas at once.
	 */
	@Transactional
	public void rotate(Instant now, KeyRotationProperties schedule) {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(ROTATION_LOCK).query().singleRow();
		Optional<Instant> active = this.jdbc
			.sql("select max(activates_at) from signing_key where activates_at <= ? and retired_at is null")
			.param(Timestamp.from(now))
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
		if (active.isEmpty()) {
			insert(now);
			return;
		}
		this.jdbc.sql("update signing_key set retired_at = ? where activates_at < ? and retired_at is null")
			.params(Timestamp.from(active.get()), Timestamp.from(active.get()))
			.update();
		boolean nextPublished = this.jdbc.sql("select count(*) from signing_key where activates_at > ?")
			.param(Timestamp.from(now))
			.query(Integer.class)
			.single() > 0;
		Instant periodEnd = active.get().plus(schedule.rotationPeriod());
		if (!nextPublished && !now.isBefore(periodEnd.minus(schedule.publicationLead()))) {
			Instant leadEnd = now.plus(schedule.publicationLead());
			insert(periodEnd.isAfter(leadEnd) ? periodEnd : leadEnd);
		}
		this.jdbc.sql("delete from signing_key where retired_at < ?")
			.param(Timestamp.from(now.minus(schedule.retention())))
			.update();
	}

	private void insert(Instant activatesAt) {
		KeyPair pair = generate();
		this.jdbc.sql("insert into signing_key (kid, public_key, private_key, activates_at) values (?, ?, ?, ?)")
			.params(UUID.randomUUID().toString(), pair.getPublic().getEncoded(), pair.getPrivate().getEncoded(),
					Timestamp.from(activatesAt))
			.update();
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

	record StoredKey(RSAKey key, Instant activatesAt) {
	}

}
