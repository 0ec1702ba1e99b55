package io.opencontrol.platform.security;

import java.text.ParseException;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.JWTProcessor;

/**
 * {@link SignedTokenReader} in the shape Spring's servlet {@code NimbusJwtDecoder} takes.
 */
class SignedTokenProcessor implements JWTProcessor<SecurityContext> {

	private final SignedTokenReader reader;

	SignedTokenProcessor(SignedTokenReader reader) {
		this.reader = reader;
	}

	@Override
	public JWTClaimsSet process(String token, SecurityContext context) throws ParseException, BadJOSEException {
		return process(JWTParser.parse(token), context);
	}

	@Override
	public JWTClaimsSet process(JWT jwt, SecurityContext context) {
		return this.reader.claimsOf(jwt);
	}

	@Override
	public JWTClaimsSet process(PlainJWT jwt, SecurityContext context) {
		return this.reader.claimsOf(jwt);
	}

	@Override
	public JWTClaimsSet process(SignedJWT jwt, SecurityContext context) {
		return this.reader.claimsOf(jwt);
	}

	@Override
	public JWTClaimsSet process(EncryptedJWT jwt, SecurityContext context) {
		return this.reader.claimsOf(jwt);
	}

}
