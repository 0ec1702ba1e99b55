package io.opencontrol.platform.problem;

import java.net.ConnectException;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A service with one broken and one strict endpoint, for either web stack. */
@SpringBootConfiguration
// Error rendering is tested without security in the way; the security tests cover
// refusals.
@EnableAutoConfiguration(excludeName = { "io.opencontrol.platform.database.EmbeddedPostgresAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"io.opencontrol.platform.security.ServletTokenSecurityAutoConfiguration",
		"io.opencontrol.platform.security.ReactiveTokenSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration" })
class ProblemTestApplication {

	@RestController
	static class SampleController {

		@GetMapping({ "/broken", "/broken/{what}" })
		String broken() {
			throw new IllegalStateException("secret internal detail");
		}

		@GetMapping("/unreachable")
		String unreachable() throws ConnectException {
			throw new ConnectException("Connection refused: backend.internal/10.0.0.7:8081");
		}

		@PostMapping("/echo")
		Map<String, Object> echo(@RequestBody Map<String, Object> body) {
			return body;
		}

	}

}
