package io.opencontrol.platform.problem;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A service with one broken and one strict endpoint, for either web stack. */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "io.opencontrol.platform.database.EmbeddedPostgresAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
class ProblemTestApplication {

	@RestController
	static class SampleController {

		@GetMapping("/broken")
		String broken() {
			throw new IllegalStateException("secret internal detail");
		}

		@PostMapping("/echo")
		Map<String, Object> echo(@RequestBody Map<String, Object> body) {
			return body;
		}

	}

}
