package io.opencontrol.auth.server;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * Client authentication for public clients in the device flow, which Spring Authorization
 * Server leaves to the application: a request to the device-authorization endpoint, or a
 * device-code token request, naming a client registered for the device-code grant without
 * a secret. Only requests this converter recognises carry a {@link DeviceClientToken},
 * and the provider accepts nothing else, so it can never stand in for PKCE or a client
 * secret on any other request.
 */
final class DeviceClientAuthentication {

	private DeviceClientAuthentication() {
	}

	static AuthenticationConverter converter(String deviceAuthorizationEndpoint) {
		return (HttpServletRequest request) -> {
			boolean deviceAuthorization = request.getRequestURI().endsWith(deviceAuthorizationEndpoint);
			boolean deviceToken = AuthorizationGrantType.DEVICE_CODE.getValue()
				.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
			String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
			if (!(deviceAuthorization || deviceToken) || clientIds == null || clientIds.length != 1
					|| !StringUtils.hasText(clientIds[0]) || request.getHeader("Authorization") != null) {
				return null;
			}
			return new DeviceClientToken(clientIds[0]);
		};
	}

	static AuthenticationProvider provider(RegisteredClientRepository clients) {
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				String clientId = (String) authentication.getPrincipal();
				RegisteredClient client = clients.findByClientId(clientId);
				if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
						|| !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.DEVICE_CODE)) {
					throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
				}
				return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return DeviceClientToken.class.isAssignableFrom(authentication);
			}

		};
	}

	/** An unauthenticated device-flow client, as only {@link #converter} creates it. */
	static final class DeviceClientToken extends OAuth2ClientAuthenticationToken {

		DeviceClientToken(String clientId) {
			super(clientId, ClientAuthenticationMethod.NONE, null, null);
		}

	}

}
