package io.opencontrol.platform.security;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A service behind the gateway with a read, a write and a fleet-scoped endpoint. */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "io.opencontrol.platform.database.EmbeddedPostgresAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
class TokenSecuredApplication {

	@RestController
	static class FleetThings {

		@GetMapping("/things")
		@PreAuthorize("hasAuthority('PERMISSION_READ')")
		Map<String, String> list() {
			return Map.of("things", "all");
		}

		@PostMapping("/things")
		@PreAuthorize("hasAuthority('PERMISSION_WRITE')")
		Map<String, String> create() {
			return Map.of("created", "yes");
		}

		@GetMapping("/fleets/{fleet}/things")
		@PreAuthorize("hasAuthority('PERMISSION_READ')")
		Map<String, String> ofFleet(@PathVariable String fleet, Authentication caller) {
			if (!CallerRights.of(caller).canSee(fleet)) {
				// The same answer as for a fleet that does not exist: no one learns which
				// fleets do.
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			return Map.of("fleet", fleet);
		}

	}

}
