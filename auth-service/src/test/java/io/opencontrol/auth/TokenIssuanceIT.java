package io.opencontrol.auth;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.opencontrol.auth.access.ClientAccess;
import io.opencontrol.auth.access.ClientRegistrations;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "opencontrol.auth.issuer=https://auth.test")
@Import(TestcontainersConfiguration.class)
class TokenIssuanceIT {

	private static final String SECRET = "integration-test-secret";

	@Autowired
	ClientRegistrations registrations;

	@LocalServerPort
	int port;

	@Test
	void issuesAnRs256AccessTokenWithTheOpenControlClaims() throws Exception {
		register("cell-operator", new ClientAccess(List.of("operator"), List.of("fleet-a"), null));

		JWTClaimsSet claims = verifiedClaims(tokenFor("cell-operator"));

		assertThat(claims.getIssuer()).isEqualTo("https://auth.test");
		assertThat(claims.getSubject()).isEqualTo("cell-operator");
		assertThat(claims.getAudience()).containsExactly("opencontrol");
		assertThat(claims.getStringListClaim("roles")).containsExactly("operator");
		assertThat(claims.getStringListClaim("fleets")).containsExactly("fleet-a");
		assertThat(claims.getClaim("robot_id")).isNull();
		Duration lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
		assertThat(lifetime).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void robotTokensNameTheirRobot() throws Exception {
		register("robot-17", new ClientAccess(List.of("robot"), List.of("fleet-a"), "r-17"));

		JWTClaimsSet claims = verifiedClaims(tokenFor("robot-17"));

		assertThat(claims.getStringListClaim("roles")).containsExactly("robot");
		assertThat(claims.getStringClaim("robot_id")).isEqualTo("r-17");
	}

	@Test
	void rejectsAWrongSecret() throws Exception {
		register("careful-viewer", new ClientAccess(List.of("viewer"), List.of("fleet-a"), null));

		HttpResponse<String> response = new TokenEndpoint(this.port).clientCredentials("careful-viewer", "guess");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("access_token");
	}

	@Test
	void hasNoDemoIdentitiesOutsideTheLocalProfile() throws Exception {
		HttpResponse<String> response = new TokenEndpoint(this.port).clientCredentials("demo-admin", SECRET);

		assertThat(response.statusCode()).isEqualTo(401);
	}

	private void register(String clientId, ClientAccess access) {
		this.registrations.registerMachineClient(clientId, clientId, SECRET, Duration.ofMinutes(15), access);
	}

	private String tokenFor(String clientId) throws Exception {
		HttpResponse<String> response = new TokenEndpoint(this.port).clientCredentials(clientId, SECRET);
		assertThat(response.statusCode()).isEqualTo(200);
		Map<?, ?> body = JsonMapper.shared().readValue(response.body(), Map.class);
		return (String) body.get("access_token");
	}

	private JWTClaimsSet verifiedClaims(String token) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		JWKSet published = JWKSet.load(new TokenEndpoint(this.port).jwks().toURL());
		RSAKey key = (RSAKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key).as("signing key published in the JWKS").isNotNull();
		assertThat(key.isPrivate()).as("JWKS must publish public keys only").isFalse();
		assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
		return jwt.getJWTClaimsSet();
	}

}
