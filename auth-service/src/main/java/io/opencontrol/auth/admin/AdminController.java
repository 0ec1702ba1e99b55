package io.opencontrol.auth.admin;

import java.util.List;

import io.opencontrol.auth.access.ClientAccess;
import io.opencontrol.auth.access.ClientRegistrations;
import io.opencontrol.auth.access.MachineClient;
import io.opencontrol.auth.access.UserAccount;
import io.opencontrol.auth.access.Users;
import io.opencontrol.auth.admin.AdminRequests.IssuedCredential;
import io.opencontrol.auth.admin.AdminRequests.NewClient;
import io.opencontrol.auth.admin.AdminRequests.NewRobot;
import io.opencontrol.auth.admin.AdminRequests.NewUser;
import io.opencontrol.auth.server.AuthProperties;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administration of who may get tokens: service clients, robot credentials and people.
 * Needs the write permission (checked by the admin filter chain).
 */
@RestController
@RequestMapping("/api/admin")
class AdminController {

	private final ClientRegistrations clients;

	private final Users users;

	private final AuthProperties auth;

	AdminController(ClientRegistrations clients, Users users, AuthProperties auth) {
		this.clients = clients;
		this.users = users;
		this.auth = auth;
	}

	@PostMapping("/clients")
	@ResponseStatus(HttpStatus.CREATED)
	IssuedCredential createClient(@Valid @RequestBody NewClient request) {
		String secret = this.clients.createMachineClient(request.clientId(), request.name(),
				this.auth.accessTokenTimeToLive(), new ClientAccess(request.roles(), request.fleets(), null));
		return new IssuedCredential(request.clientId(), secret);
	}

	@PostMapping("/robots")
	@ResponseStatus(HttpStatus.CREATED)
	IssuedCredential createRobot(@Valid @RequestBody NewRobot request) {
		String clientId = "robot-" + request.robotId();
		String secret = this.clients.createMachineClient(clientId, "Robot " + request.robotId(),
				this.auth.accessTokenTimeToLive(),
				new ClientAccess(List.of("robot"), List.of(request.fleet()), request.robotId()));
		return new IssuedCredential(clientId, secret);
	}

	@GetMapping("/clients")
	List<MachineClient> clients() {
		return this.clients.list();
	}

	@PostMapping("/clients/{clientId}/disable")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void disableClient(@PathVariable String clientId) {
		this.clients.disable(clientId);
	}

	@PostMapping("/users")
	@ResponseStatus(HttpStatus.CREATED)
	UserAccount createUser(@Valid @RequestBody NewUser request) {
		return this.users.create(request.username(), request.password(), request.roles(), request.fleets());
	}

	@GetMapping("/users")
	List<UserAccount> users() {
		return this.users.list();
	}

	@PostMapping("/users/{username}/disable")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void disableUser(@PathVariable String username) {
		this.users.disable(username);
	}

}
