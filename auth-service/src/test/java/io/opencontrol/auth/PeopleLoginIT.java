package io.opencontrol.auth;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.opencontrol.auth.access.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person logging in through the public CLI client, as a browser would: the
 * authorization-code flow with PKCE, and the device-code flow for a terminal without a
 * browser.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestcontainersConfiguration.class)
class PeopleLoginIT {

	static final String CLIENT = "opencontrol-cli";

	static final String REDIRECT = "http://127.0.0.1:8765/callback";

	static final String PASSWORD = "correct horse battery";

	@Autowired
	Users users;

	@LocalServerPort
	int port;

	String username;

	HttpClient browser;

	@BeforeEach
	void aPersonWithABrowser() {
		this.username = "pat-" + Long.toString(System.nanoTime(), 36);
		this.users.create(this.username, PASSWORD, List.of("operator"), List.of("fleet-a"));
		this.browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Test
	void authorizationCodeWithPkceGivesAPersonTheirRights() throws Exception {
		String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
		String code = authorize(verifier);

		HttpResponse<String> token = exchange(code, verifier);

		assertThat(token.statusCode()).isEqualTo(200);
		JWTClaimsSet claims = claimsOf(token);
		assertThat(claims.getSubject()).isEqualTo(this.username);
		assertThat(claims.getAudience()).containsExactly("opencontrol");
		assertThat(claims.getStringListClaim("roles")).containsExactly("operator");
		assertThat(claims.getStringListClaim("fleets")).containsExactly("fleet-a");
		assertThat(exchange(code, verifier).statusCode()).as("a code is good once").isEqualTo(400);
	}

	@Test
	void aCodeIsWorthNothingWithoutItsVerifier() throws Exception {
		String code = authorize(UUID.randomUUID() + "-" + UUID.randomUUID());
		assertThat(exchange(code, UUID.randomUUID() + "-" + UUID.randomUUID()).statusCode()).isEqualTo(400);
	}

	@Test
	void deviceCodeLetsATerminalWaitForThePersonToApprove() throws Exception {
		HttpResponse<String> started = form("/oauth2/device_authorization",
				Map.of("client_id", CLIENT, "scope", "opencontrol"));
		assertThat(started.statusCode()).isEqualTo(200);
		Map<?, ?> device = JsonMapper.shared().readValue(started.body(), Map.class);
		Map<String, String> poll = Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "device_code",
				(String) device.get("device_code"), "client_id", CLIENT);
		assertThat(form("/oauth2/token", poll).body()).contains("authorization_pending");

		logIn();
		// The published URI names the configured issuer; this test's server listens on a
		// random port.
		URI complete = URI.create((String) device.get("verification_uri_complete"));
		HttpResponse<String> consent = page(uri(complete.getRawPath() + "?" + complete.getRawQuery()));
		// The person confirms that the code shown matches the terminal's, then approves.
		assertThat(consent.body()).contains((String) device.get("user_code"));
		Matcher state = Pattern.compile("name=\"state\" value=\"([^\"]+)\"").matcher(consent.body());
		assertThat(state.find()).isTrue();
		HttpResponse<String> approved = form("/oauth2/device_verification", Map.of("client_id", CLIENT, "state",
				state.group(1), "user_code", (String) device.get("user_code"), "scope", "opencontrol"));
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
		assertThat(approved.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("success"));

		HttpResponse<String> token = form("/oauth2/token", poll);
		assertThat(token.statusCode()).isEqualTo(200);
		assertThat(claimsOf(token).getSubject()).isEqualTo(this.username);
		assertThat(claimsOf(token).getStringListClaim("roles")).containsExactly("operator");
	}

	@Test
	void aDisabledPersonCannotLogIn() throws Exception {
		this.users.disable(this.username);
		HttpResponse<String> login = submitLogin();
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("error"));
	}

	private String authorize(String verifier) throws Exception {
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		URI authorize = uri("/oauth2/authorize?response_type=code&client_id=" + CLIENT + "&scope=opencontrol&state=s1"
				+ "&redirect_uri=" + encode(REDIRECT) + "&code_challenge=" + challenge + "&code_challenge_method=S256");
		HttpResponse<String> toLogin = page(authorize);
		assertThat(toLogin.statusCode()).isEqualTo(302);
		assertThat(toLogin.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
		HttpResponse<String> loggedIn = submitLogin();
		HttpResponse<String> back = page(URI.create(loggedIn.headers().firstValue("Location").orElseThrow()));
		String callback = back.headers().firstValue("Location").orElseThrow();
		assertThat(callback).startsWith(REDIRECT).contains("state=s1");
		Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
		assertThat(code.find()).isTrue();
		return code.group(1);
	}

	private void logIn() throws Exception {
		page(uri("/login"));
		submitLogin();
	}

	private HttpResponse<String> submitLogin() throws Exception {
		String loginPage = page(uri("/login")).body();
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
		assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
		return form("/login", Map.of("username", this.username, "password", PASSWORD, "_csrf", csrf.group(1)));
	}

	private HttpResponse<String> exchange(String code, String verifier) throws Exception {
		return form("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
				"client_id", CLIENT, "code_verifier", verifier));
	}

	private HttpResponse<String> page(URI uri) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
		StringBuilder body = new StringBuilder();
		fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
			.append(encode(name))
			.append('=')
			.append(encode(value)));
		return this.browser.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html,application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JWTClaimsSet claimsOf(HttpResponse<String> token) throws Exception {
		Map<?, ?> body = JsonMapper.shared().readValue(token.body(), Map.class);
		return SignedJWT.parse((String) body.get("access_token")).getJWTClaimsSet();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
