package io.opencontrol.platform.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a validated token's {@code roles} into permissions. The robot role counts only
 * together with the {@code robot_id} claim that says which robot it speaks for.
 */
public class TokenRights implements Converter<Jwt, AbstractAuthenticationToken> {

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		// Read directly: getClaimAsStringList converts through a ConversionService, which
		// profiled at about a tenth of the Java CPU of an inference request. The
		// auth-service writes roles as a list; anything else grants nothing.
		if (jwt.getClaims().get("roles") instanceof Collection<?> roles) {
			roles.forEach((role) -> permissions.addAll(Permission.of(String.valueOf(role))));
		}
		if (jwt.getClaimAsString("robot_id") == null) {
			permissions.remove(Permission.ROBOT);
		}
		List<GrantedAuthority> authorities = permissions.stream().map(Permission::granted).toList();
		return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
	}

}
