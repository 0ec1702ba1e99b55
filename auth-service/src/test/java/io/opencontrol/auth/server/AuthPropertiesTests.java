package io.opencontrol.auth.server;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuthPropertiesTests {

	@Test
	void refusesAccessTokensLivingLongerThanThirtyMinutes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthProperties(URI.create("https://auth"), "opencontrol", Duration.ofMinutes(31)))
			.withMessageContaining("access-token-time-to-live")
			.withMessageContaining("PT31M");
	}

	@Test
	void refusesARelativeIssuer() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthProperties(URI.create("/auth"), "opencontrol", Duration.ofMinutes(5)))
			.withMessageContaining("opencontrol.auth.issuer");
	}

}
