package io.opencontrol.platform.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;

/**
 * The bearer token in an {@code Authorization} header (RFC 6750 §2.1), with the same
 * verdicts as Spring's default resolvers, for either web stack. It checks the token68
 * syntax with a loop because the default resolvers run a regular expression over the
 * whole token on every request, a measurable share of a small inference request.
 */
final class BearerHeader {

	private static final String SCHEME = "Bearer";

	private BearerHeader() {
	}

	/**
	 * The bearer token in an {@code Authorization} header's value; null when there is
	 * none, {@link OAuth2AuthenticationException} when it is malformed.
	 */
	static String token(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return null;
		}
		int start = SCHEME.length() + 1;
		if (authorization.length() <= start || authorization.charAt(start - 1) != ' '
				|| !isToken68(authorization, start)) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
		}
		return authorization.substring(start);
	}

	/** token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
	private static boolean isToken68(String value, int start) {
		int end = value.length();
		while (end > start && value.charAt(end - 1) == '=') {
			end--;
		}
		if (end == start) {
			return false;
		}
		for (int i = start; i < end; i++) {
			char c = value.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

}
