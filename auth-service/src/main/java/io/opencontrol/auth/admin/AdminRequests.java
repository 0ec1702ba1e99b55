package io.opencontrol.auth.admin;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The request bodies of the admin API. */
final class AdminRequests {

	static final String NAME = "^[a-z0-9][a-z0-9._@-]{2,99}$";

	static final String ROLE = "admin|operator|viewer";

	static final String FLEET = "^(\\*|[a-z0-9][a-z0-9-]{0,62})$";

	private AdminRequests() {
	}

	/** A service client; robots are registered with {@link NewRobot}. */
	record NewClient(@NotBlank @Pattern(regexp = NAME) String clientId, @NotBlank @Size(max = 200) String name,
			@NotEmpty List<@Pattern(regexp = ROLE) String> roles,
			@NotEmpty List<@Pattern(regexp = FLEET) String> fleets) {
	}

	record NewRobot(@NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,62}$") String robotId,
			@NotBlank @Pattern(regexp = FLEET) String fleet) {
	}

	record NewUser(@NotBlank @Pattern(regexp = NAME) String username,
			@NotBlank @Size(min = 12, max = 200) String password, @NotEmpty List<@Pattern(regexp = ROLE) String> roles,
			@NotEmpty List<@Pattern(regexp = FLEET) String> fleets) {
	}

	/** A new credential: the secret is shown here once and never again. */
	record IssuedCredential(String clientId, String clientSecret) {
	}

}
