package io.opencontrol.platform.security;

import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * How the gateway decides whether a JWS is signed by a published key: the header must say
 * RS256 and carry no critical parameters, the key is chosen by {@code kid} among the
 * published RSA signing keys only, and nothing in the header (no {@code jwk},
 * {@code jku}, {@code x5u}, {@code x5c}) can add a key.
 */
public final class JwsVerification {

	public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;

	private JwsVerification() {
	}

	public static boolean acceptsHeader(JWSHeader header) {
		return ALGORITHM.equals(header.getAlgorithm())
				&& (header.getCriticalParams() == null || header.getCriticalParams().isEmpty());
	}

	/** Whether a published key may ever verify a token. */
	public static boolean isUsable(JWK key) {
		return KeyType.RSA.equals(key.getKeyType())
				&& (key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
				&& (key.getKeyOperations() == null || key.getKeyOperations().contains(KeyOperation.VERIFY))
				&& (key.getAlgorithm() == null || ALGORITHM.equals(key.getAlgorithm()));
	}

	/** The published keys that may verify a JWS whose header names {@code kid}. */
	public static List<JWK> candidates(List<JWK> published, String kid) {
		if (kid == null || kid.isEmpty()) {
			return List.of();
		}
		return published.stream()
			.filter((key) -> kid.equals(key.getKeyID()))
			.filter(JwsVerification::isUsable)
			.toList();
	}

	/** True when the header is acceptable and one of the keys verifies the signature. */
	public static boolean verify(JWSObject jws, List<JWK> keys) {
		if (!acceptsHeader(jws.getHeader())) {
			return false;
		}
		for (JWK key : keys) {
			try {
				if (jws.verify(new RSASSAVerifier(((RSAKey) key).toRSAPublicKey()))) {
					return true;
				}
			}
			catch (JOSEException | IllegalStateException ex) {
				// A key that cannot verify this signature is simply not the signer.
			}
		}
		return false;
	}

}
