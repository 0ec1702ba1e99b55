package io.opencontrol.gateway.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Browser origins allowed to call the gateway. None by default: a page on another origin
 * gets 403, preflight or not.
 *
 * @param allowedOrigins exact origins such as {@code https://console.example.com}
 */
@ConfigurationProperties("opencontrol.gateway.cors")
public record CorsProperties(List<String> allowedOrigins) {

	public CorsProperties {
		allowedOrigins = (allowedOrigins != null) ? List.copyOf(allowedOrigins) : List.of();
		if (allowedOrigins.contains("*")) {
			throw new IllegalArgumentException("opencontrol.gateway.cors.allowed-origins must list origins, not *");
		}
	}

}
