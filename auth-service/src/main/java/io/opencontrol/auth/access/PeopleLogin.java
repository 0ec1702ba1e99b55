package io.opencontrol.auth.access;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Form login for the authorization-code and device-code grants, against {@link Users}.
 */
@Component
class PeopleLogin implements UserDetailsService {

	private final Users users;

	PeopleLogin(Users users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		Users.Login login = this.users.login(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
		return User.withUsername(login.account().username())
			.password(login.passwordHash())
			.disabled(!login.account().enabled())
			.roles(login.account().roles().stream().map(String::toUpperCase).toArray(String[]::new))
			.build();
	}

}
