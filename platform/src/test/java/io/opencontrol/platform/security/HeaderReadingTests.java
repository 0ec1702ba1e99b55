package io.opencontrol.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loops that replace two per-request regular expressions give the same verdicts as
 * the expressions they replace.
 */
class HeaderReadingTests {

	/** StrictHttpFirewall's default rule for header names and values. */
	private static final Pattern ASSIGNED_AND_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private final Random random = new Random(42);

	@Test
	void assignedCharactersAgreeWithTheFirewallsExpression() {
		AssignedCharacters assigned = new AssignedCharacters();
		List<String> values = new ArrayList<>(List.of("", "Bearer abc", "tab\there", "nul\0", "del\u007f", "é ü ß",
				"\u0378", "emoji \uD83E\uDD16", "lone \uD800 surrogate", "c1 \u0085", "\uFFFF"));
		for (int i = 0; i < 20_000; i++) {
			values.add(randomText(1 + this.random.nextInt(12)));
		}
		for (String value : values) {
			assertThat(assigned.test(value)).as("%s", value.codePoints().boxed().toList())
				.isEqualTo(ASSIGNED_AND_NOT_CONTROL.matcher(value).matches());
		}
	}

	@Test
	void authorizationHeaderTokensAgreeWithSpringsResolver() {
		List<String> headers = new ArrayList<>(List.of("Bearer abc.def-ghi_jkl~m+n/o==", "bearer abc", "BEARER abc",
				"Bearer", "Bearer ", "Bearer  abc", "Bearer abc ", "Bearer a=b", "Bearer ===", "Bearer abc=",
				"Bearerabc", "Basic dXNlcjpwYXNz", "Bearer a,b", "Bearer é", "Bear abc", "Bearer\tabc"));
		String alphabet = "aZ09-._~+/= ,\t\"é";
		for (int i = 0; i < 5_000; i++) {
			StringBuilder header = new StringBuilder(this.random.nextBoolean() ? "Bearer " : "bearer");
			for (int n = this.random.nextInt(8); n > 0; n--) {
				header.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
			}
			headers.add(header.toString());
		}
		DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();
		AuthorizationHeaderToken ours = new AuthorizationHeaderToken();
		for (String header : headers) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/things");
			request.addHeader("Authorization", header);
			assertThat(verdict(ours, request)).as(header).isEqualTo(verdict(spring, request));
		}
	}

	@Test
	void neverReadsATokenFromTheQuery() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/things");
		request.setParameter("access_token", "abc");
		assertThat(new AuthorizationHeaderToken().resolve(request)).isNull();
	}

	private static String verdict(BearerTokenResolver resolver, MockHttpServletRequest request) {
		try {
			return "token " + resolver.resolve(request);
		}
		catch (OAuth2AuthenticationException ex) {
			return "refused " + ex.getError().getErrorCode();
		}
	}

	private String randomText(int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			int kind = this.random.nextInt(4);
			int codePoint = switch (kind) {
				case 0 -> this.random.nextInt(0x80);
				case 1 -> this.random.nextInt(0x800);
				case 2 -> this.random.nextInt(0x10000);
				default -> this.random.nextInt(Character.MAX_CODE_POINT + 1);
			};
			text.appendCodePoint(codePoint);
		}
		return text.toString();
	}

}
