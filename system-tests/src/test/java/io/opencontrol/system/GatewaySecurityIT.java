package io.opencontrol.system;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway against the known JWT attacks and its other guards, with tokens from the
 * real auth-service or signed by its real key. A refused request must never reach a
 * backend.
 */
@ExtendWith(SecuredGatewayExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewaySecurityIT {

	static SecuredGateway stack;

	@BeforeAll
	static void shareTheStack() {
		stack = SecuredGatewayExtension.stack();
	}

	@BeforeEach
	void forgetEarlierRequests() {
		stack.backend().clear();
	}

	@Test
	void aRealTokenSignedByTheRealKeyPasses() throws Exception {
		assertThat(stack.call("GET", "/api/robots", stack.demoToken("viewer")).statusCode()).isEqualTo(200);
		assertThat(stack.call("GET", "/api/robots", forged(claims().build())).statusCode()).isEqualTo(200);
		assertThat(stack.backend().requests()).hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "None", "NONE", "nOnE" })
	void rejectsAlgNone(String alg) throws Exception {
		String token = TokenForge.compact("{\"alg\":\"" + alg + "\",\"kid\":\"" + realKid() + "\"}",
				claims().build().toString(), new byte[0]);
		assertRejected(token);
		assertRejected(token.substring(0, token.length() - 1));
	}

	@Test
	void rejectsHs256SignedWithThePublicKeyAsPemOrDer() throws Exception {
		byte[] der = stack.forge().realKey().toRSAPublicKey().getEncoded();
		String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END PUBLIC KEY-----\n";
		for (byte[] secret : List.of(der, pem.getBytes(StandardCharsets.US_ASCII))) {
			assertRejected(hs256(secret, claims().build()));
		}
	}

	@Test
	void rejectsAKeyEmbeddedInTheHeader() throws Exception {
		RSAKey attacker = TokenForge.foreignKey(realKid());
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(realKid())
			.jwk(attacker.toPublicJWK())
			.build();
		assertRejected(TokenForge.sign(header, claims().build(), attacker));
	}

	@Test
	void rejectsKeysByUrlAndNeverFetchesThem() throws Exception {
		try (RecordingBackend trap = RecordingBackend.start(ServiceProcess.freePort())) {
			RSAKey attacker = TokenForge.foreignKey("attacker-key");
			JWSHeader jku = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker-key")
				.jwkURL(URI.create(trap.url() + "/jwks.json"))
				.build();
			JWSHeader x5u = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker-key")
				.x509CertURL(URI.create(trap.url() + "/cert.pem"))
				.build();
			assertRejected(TokenForge.sign(jku, claims().build(), attacker));
			assertRejected(TokenForge.sign(x5u, claims().build(), attacker));
			Thread.sleep(500);
			assertThat(trap.requests()).as("requests to the jku/x5u server").isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "unknown-kid", "../../../../etc/passwd", "/dev/null", "..%2f..%2fjwks", "" })
	void rejectsUnknownAndPathLikeKids(String kid) throws Exception {
		RSAKey attacker = TokenForge.foreignKey(kid.isEmpty() ? null : kid);
		assertRejected(
				TokenForge.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid.isEmpty() ? null : kid).build(),
						claims().build(), attacker));
	}

	@Test
	void rejectsATokenSignedByAForeignKeyReusingTheRealKid() throws Exception {
		RSAKey impostor = TokenForge.foreignKey(realKid());
		assertRejected(TokenForge.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(realKid()).build(),
				claims().build(), impostor));
	}

	@Test
	void rejectsBadTimes() throws Exception {
		Instant now = Instant.now();
		assertRejected(forged(claims().expirationTime(null).build()));
		assertRejected(forged(claims().issueTime(Date.from(now.minusSeconds(600)))
			.notBeforeTime(Date.from(now.minusSeconds(600)))
			.expirationTime(Date.from(now.minusSeconds(120)))
			.build()));
		assertRejected(forged(claims().notBeforeTime(Date.from(now.plusSeconds(300))).build()));
	}

	@Test
	void acceptsClockSkewWithinBounds() throws Exception {
		Instant now = Instant.now();
		String justExpired = forged(claims().issueTime(Date.from(now.minusSeconds(60)))
			.notBeforeTime(Date.from(now.minusSeconds(60)))
			.expirationTime(Date.from(now.minusSeconds(5)))
			.build());
		assertThat(stack.call("GET", "/api/robots", justExpired).statusCode()).isEqualTo(200);
	}

	@Test
	void rejectsWrongOrMissingIssuerAndAudience() throws Exception {
		assertRejected(forged(claims().issuer("https://evil.example").build()));
		assertRejected(forged(claims().issuer(null).build()));
		assertRejected(forged(claims().audience("someone-else").build()));
		assertRejected(forged(claims().audience((String) null).build()));
	}

	@Test
	void rejectsATamperedPayload() throws Exception {
		String[] parts = stack.demoToken("viewer").split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"viewer\"", "\"admin\"");
		String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
				+ "." + parts[2];
		assertRejected(tampered);
	}

	@Test
	void refusesA16KilobyteToken() throws Exception {
		String huge = forged(claims().claim("padding", "x".repeat(16 * 1024)).build());
		HttpResponse<String> response = stack.call("GET", "/api/robots", huge);
		assertThat(response.statusCode()).isIn(400, 431);
		assertThat(stack.backend().requests()).isEmpty();
	}

	@Test
	void unknownKidsCannotFloodTheKeySetEndpoint() throws Exception {
		RSAKey attacker = TokenForge.foreignKey("flood");
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			tokens.add(TokenForge.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("flood-" + i).build(),
					claims().build(), attacker));
		}
		double before = jwksFetches();
		long started = System.nanoTime();
		List<CompletableFuture<HttpResponse<String>>> calls = tokens.stream()
			.map((token) -> stack.gateway()
				.sendAsync(HttpRequest.newBuilder(stack.gateway().uri("/api/robots"))
					.header("Authorization", "Bearer " + token)
					.build()))
			.toList();
		assertThat(calls.stream().map(CompletableFuture::join)).allMatch((response) -> response.statusCode() == 401);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		// At most one fetch per refresh interval (1 s here), however many unknown kids
		// arrive.
		long allowed = 1 + (long) Math.ceil(elapsed.toMillis() / 1000.0);
		assertThat(jwksFetches() - before).as("fetches in %s for 50 unknown kids", elapsed)
			.isLessThanOrEqualTo(allowed);
		assertThat(stack.backend().requests()).isEmpty();
	}

	@Test
	void aKeepAliveConnectionIsAnsweredAfterRequestsThatArrivedTogether() throws Exception {
		// Reactor Netty 1.3.7 could stop reading a keep-alive connection once requests
		// that had arrived together were answered: the next request on it was never
		// answered.
		String viewer = stack.demoToken("viewer");
		String proxied = "GET /api/robots HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + viewer + "\r\n\r\n";
		String refused = "GET /no/such/path HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
		for (int round = 1; round <= 30; round++) {
			try (Socket socket = new Socket("127.0.0.1", stack.gateway().port())) {
				socket.setSoTimeout(5000);
				InputStream in = new BufferedInputStream(socket.getInputStream());
				OutputStream out = socket.getOutputStream();
				out.write((proxied + refused.repeat(round % 4)).getBytes(StandardCharsets.US_ASCII));
				out.flush();
				assertThat(statusLine(in, "round " + round + ", the proxied request")).isEqualTo("HTTP/1.1 200 OK");
				for (int i = 1; i <= round % 4; i++) {
					assertThat(statusLine(in, "round " + round + ", refused request " + i))
						.isEqualTo("HTTP/1.1 401 Unauthorized");
				}
				out.write((refused + proxied).getBytes(StandardCharsets.US_ASCII));
				out.flush();
				assertThat(statusLine(in, "round " + round + ", the next request on the connection"))
					.isEqualTo("HTTP/1.1 401 Unauthorized");
				assertThat(statusLine(in, "round " + round + ", the last request")).isEqualTo("HTTP/1.1 200 OK");
			}
		}
	}

	/** Reads one HTTP/1.1 response with a Content-Length body; its status line. */
	private static String statusLine(InputStream in, String request) throws IOException {
		String status;
		try {
			status = line(in);
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError(request + ": no answer within 5 s", ex);
		}
		int length = 0;
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(header.substring("content-length:".length()).strip());
			}
		}
		in.readNBytes(length);
		return status;
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c < 0) {
				throw new EOFException("connection closed after: " + line);
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api//robots", "/API/robots", "/api/%2e%2e/robots", "/api/robots;x=y",
			"/api/robots/%2e%2e/%2e%2e/actuator/gateway/routes", "/api/./robots", "/api/robots/..;/admin/clients",
			"//api/robots", "/api/robots%2f..%2fadmin" })
	void oddPathsNeverReachABackendUnauthorized(String path) throws Exception {
		for (String token : new String[] { null, stack.demoToken("viewer") }) {
			HttpResponse<String> response = stack.call("GET", path, token);
			assertThat(response.statusCode()).as(path + " with " + (token == null ? "no token" : "viewer"))
				.isGreaterThanOrEqualTo(400);
		}
		assertThat(stack.backend().requests()).as("requests that reached the backend").isEmpty();
	}

	@Test
	void corsIsClosed() throws Exception {
		HttpResponse<String> preflight = stack.gateway()
			.send(HttpRequest.newBuilder(stack.gateway().uri("/api/robots"))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://evil.example")
				.header("Access-Control-Request-Method", "GET")
				.build());
		assertThat(preflight.statusCode()).isEqualTo(403);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

		HttpResponse<String> crossOrigin = stack.gateway()
			.send(HttpRequest.newBuilder(stack.gateway().uri("/api/robots"))
				.header("Origin", "https://evil.example")
				.header("Authorization", "Bearer " + stack.demoToken("viewer"))
				.build());
		assertThat(crossOrigin.statusCode()).isEqualTo(403);
		assertThat(crossOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(stack.backend().requests()).isEmpty();
	}

	@Test
	void aSpoofedForwardedForIsNotBelieved() throws Exception {
		HttpResponse<String> response = stack.gateway()
			.send(HttpRequest.newBuilder(stack.gateway().uri("/api/robots"))
				.header("Authorization", "Bearer " + stack.demoToken("viewer"))
				.header("X-Forwarded-For", "203.0.113.9")
				.header("Forwarded", "for=203.0.113.9")
				.build());
		assertThat(response.statusCode()).isEqualTo(200);
		RecordingBackend.Request forwarded = stack.backend().requests().get(0);
		assertThat(String.valueOf(forwarded.header("X-Forwarded-For"))).doesNotContain("203.0.113.9");
		assertThat(String.valueOf(forwarded.header("Forwarded"))).doesNotContain("203.0.113.9");
	}

	@Test
	void refusesOversizedBodiesWith413() throws Exception {
		byte[] body = new byte[2 * 1024 * 1024];
		String operator = stack.demoToken("operator");
		HttpResponse<String> declared = stack.gateway()
			.send(HttpRequest.newBuilder(stack.gateway().uri("/predict"))
				.header("Authorization", "Bearer " + operator)
				.header("Content-Type", "application/octet-stream")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build());
		assertThat(declared.statusCode()).isEqualTo(413);
		assertThat(declared.body()).contains("\"status\":413");

		HttpResponse<String> chunked = stack.gateway()
			.send(HttpRequest.newBuilder(stack.gateway().uri("/predict"))
				.header("Authorization", "Bearer " + operator)
				.header("Content-Type", "application/octet-stream")
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
				.build());
		assertThat(chunked.statusCode()).isEqualTo(413);
		assertThat(stack.backend().requests()).isEmpty();
	}

	@Test
	void limitsEachPrincipalsRateWith429AndRetryAfter() throws Exception {
		// A robot reading the robot list is refused (403) by the gateway itself, after
		// the rate limit
		// has charged it: the test measures the limiter, not the backend.
		String token = forged(stack.forge()
			.claims("rate-test-" + UUID.randomUUID(), "robot")
			.claim("robot_id", "rate-test-robot")
			.build());
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			calls.add(stack.gateway()
				.sendAsync(HttpRequest.newBuilder(stack.gateway().uri("/api/robots"))
					.header("Authorization", "Bearer " + token)
					.build()));
		}
		List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();
		List<HttpResponse<String>> limited = responses.stream().filter((r) -> r.statusCode() == 429).toList();
		long refused = responses.stream().filter((r) -> r.statusCode() == 403).count();

		// A burst of 200, refilled at 5/s: 400 requests cannot all pass unless they take
		// 40 s.
		assertThat(refused + limited.size())
			.as("statuses %s",
					responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting())))
			.isEqualTo(400);
		assertThat(limited).as("429 answers among 400 concurrent requests").isNotEmpty();
		assertThat(refused).isGreaterThanOrEqualTo(200);
		assertThat(limited.get(0).headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
		assertThat(limited.get(0).body()).contains("\"status\":429");
		// Another principal is not affected.
		assertThat(stack.call("GET", "/api/robots", stack.demoToken("viewer")).statusCode()).isEqualTo(200);
	}

	@Test
	void slowBackendsAreNotCutOffByTheBreaker() throws Exception {
		HttpResponse<String> response = stack.call("GET", "/api/robots/slow", stack.demoToken("viewer"));
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void aDownBackendGets503FromItsBreakerAndRecovers() throws Exception {
		String operator = stack.demoToken("operator");
		stack.backend().stop();
		try {
			for (int i = 0; i < 8; i++) {
				HttpResponse<String> response = stack.call("POST", "/predict", operator);
				assertThat(response.statusCode()).isEqualTo(503);
				assertThat(response.headers().firstValue("Retry-After")).isPresent();
				assertThat(response.body()).contains("\"status\":503").contains("model-server");
			}
		}
		finally {
			stack.backend().start();
		}
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> stack.call("POST", "/predict", operator).statusCode() == 200);
	}

	private static void assertRejected(String token) throws Exception {
		HttpResponse<String> response = stack.call("GET", "/api/robots", token);
		assertThat(response.statusCode()).as("status for a bad token").isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(stack.backend().requests()).as("requests that reached the backend").isEmpty();
	}

	private static JWTClaimsSet.Builder claims() {
		return stack.forge().claims("security-suite", "viewer");
	}

	private static String forged(JWTClaimsSet claims) throws Exception {
		return stack.forge().signedByRealKey(claims);
	}

	private static String realKid() {
		return stack.forge().realKey().getKeyID();
	}

	private static String hs256(byte[] secret, JWTClaimsSet claims) throws Exception {
		String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + realKid() + "\"}";
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String signingInput = encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret, "HmacSHA256"));
		return signingInput + "."
				+ encoder.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
	}

	private static double jwksFetches() throws Exception {
		String metrics = stack.gateway().get("/actuator/prometheus").body();
		return metrics.lines()
			.filter((line) -> line.startsWith("opencontrol_jwks_fetches_total"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
