package io.opencontrol.platform.security;

import java.text.ParseException;
import java.util.List;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * Reads the claims of a token only if {@link JwsVerification} accepts its header and one
 * of the published keys verifies its signature. The claims themselves are checked
 * afterwards by {@link TokenValidation}.
 */
public class SignedTokenReader {

	private final KeySetCache keys;

	public SignedTokenReader(KeySetCache keys) {
		this.keys = keys;
	}

	/** Whether {@link #claimsOf} may block to fetch the key set for this token. */
	public boolean mayFetch(JWT jwt) {
		return jwt instanceof SignedJWT signed && !this.keys.answersWithoutFetching(signed.getHeader().getKeyID());
	}

	/** The verified claims; may block to fetch the key set. */
	public JWTClaimsSet claimsOf(JWT jwt) {
		return verifiedClaims(jwt, this.keys::keysFor);
	}

	/** The verified claims from the keys already known; never blocks. */
	public JWTClaimsSet claimsOfWithKnownKeys(JWT jwt) {
		return verifiedClaims(jwt, this.keys::knownKeysFor);
	}

	private static JWTClaimsSet verifiedClaims(JWT jwt, Function<String, List<JWK>> keysForKid) {
		if (!(jwt instanceof SignedJWT signed) || !JwsVerification.acceptsHeader(signed.getHeader())) {
			throw new BadJwtException("Unsupported token algorithm");
		}
		if (!JwsVerification.verify(signed, keysForKid.apply(signed.getHeader().getKeyID()))) {
			throw new BadJwtException("The token's signature does not verify");
		}
		try {
			return signed.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new BadJwtException("The token's payload is not a claims set", ex);
		}
	}

}
