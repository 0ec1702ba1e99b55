package io.opencontrol.platform.security;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opencontrol.testtokens.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive hot path's gate with the decoder the auto-configuration gives a reactive
 * service, against a real key-set endpoint: the same verdicts, challenges and problem
 * details as the chain's resource server, and an admitted answer's headers.
 */
class ReactiveTokenGateTests {

	static final TestTokens tokens = TestTokens.start();

	private final ReactiveWebApplicationContextRunner context = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveTokenSecurityAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("opencontrol.tokens.issuer=" + TestTokens.ISSUER,
				"opencontrol.tokens.jwk-set-uri=" + tokens.jwkSetUri());

	@AfterAll
	static void stopIssuer() {
		tokens.close();
	}

	@Test
	void admitsATokenThatGrantsOneOfTheGatesPermissions() {
		String operator = tokens.token(List.of("operator"), List.of("fleet-a"));
		Verdict verdict = admit("Bearer " + operator, Permission.CONTROL, Permission.ROBOT);
		assertThat(verdict.response().getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(verdict.caller()).isNotNull();
		assertThat(verdict.caller().getAuthorities()).extracting(Object::toString)
			.contains("PERMISSION_CONTROL", "PERMISSION_READ");
		assertThat(verdict.response().getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(verdict.response().getHeaders().getFirst("Cache-Control")).isEqualTo("no-store");
		assertThat(verdict.response().getBodyAsString().block()).isEqualTo("admitted");
	}

	@Test
	void refusesAMissingTokenWithABareChallenge() {
		for (String header : new String[] { null, "Basic dXNlcjpwYXNz" }) {
			Verdict verdict = admit(header, Permission.CONTROL);
			assertRefused(verdict, HttpStatus.UNAUTHORIZED, "Bearer");
		}
	}

	@Test
	void refusesMalformedAndInvalidTokensAsInvalid() {
		String expired = tokens.expiredToken(List.of("operator"), List.of("a"));
		String otherAudience = tokens
			.sign(tokens.claims("u", List.of("operator"), List.of("a")).audience("someone-else").build());
		String tampered = tokens.token(List.of("operator"), List.of("a")) + "x";
		for (String header : List.of("Bearer ", "Bearer a b", "Bearer " + expired, "Bearer " + otherAudience,
				"Bearer " + tampered)) {
			Verdict verdict = admit(header, Permission.CONTROL);
			assertRefused(verdict, HttpStatus.UNAUTHORIZED, "Bearer error=\"invalid_token\"");
		}
	}

	@Test
	void refusesAValidTokenWithoutThePermission() {
		String viewer = tokens.token(List.of("viewer"), List.of("fleet-a"));
		assertRefused(admit("Bearer " + viewer, Permission.CONTROL, Permission.ROBOT), HttpStatus.FORBIDDEN, null);
	}

	@Test
	void aTokenWhoseKeyCannotBeFetchedIsRefused() {
		// The key set is unreachable, so no known key verifies the signature: refused as
		// on the servlet stack, and the handler never runs.
		ReactiveWebApplicationContextRunner unreachable = this.context
			.withPropertyValues("opencontrol.tokens.jwk-set-uri=http://127.0.0.1:9/oauth2/jwks");
		String operator = tokens.token(List.of("operator"), List.of("fleet-a"));
		unreachable.run((context) -> {
			Verdict verdict = admit(context.getBean(ReactiveJwtDecoder.class), "Bearer " + operator,
					Permission.CONTROL);
			assertRefused(verdict, HttpStatus.UNAUTHORIZED, "Bearer error=\"invalid_token\"");
		});
	}

	private Verdict admit(String authorization, Permission... permissions) {
		AtomicReference<Verdict> verdict = new AtomicReference<>();
		this.context.run(
				(context) -> verdict.set(admit(context.getBean(ReactiveJwtDecoder.class), authorization, permissions)));
		return verdict.get();
	}

	private static Verdict admit(ReactiveJwtDecoder decoder, String authorization, Permission... permissions) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/infer");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		MockServerHttpResponse response = new MockServerHttpResponse();
		AtomicReference<AbstractAuthenticationToken> caller = new AtomicReference<>();
		new ReactiveTokenGate(decoder, List.of(permissions)).admit(request.build(), response, (admitted) -> {
			caller.set(admitted);
			response.setStatusCode(HttpStatus.OK);
			return response.writeWith(Mono.just(response.bufferFactory().wrap("admitted".getBytes())));
		}).block();
		return new Verdict(response, caller.get());
	}

	private static void assertRefused(Verdict verdict, HttpStatus status, String challenge) {
		MockServerHttpResponse response = verdict.response();
		assertThat(verdict.caller()).as("the handler was not called").isNull();
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getHeaders().getFirst("WWW-Authenticate")).isEqualTo(challenge);
		assertThat(response.getHeaders().getFirst("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.getBodyAsString().block()).contains("\"status\":" + status.value());
	}

	private record Verdict(MockServerHttpResponse response, AbstractAuthenticationToken caller) {
	}

}
