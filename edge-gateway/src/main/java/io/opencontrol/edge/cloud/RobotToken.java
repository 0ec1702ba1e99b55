package io.opencontrol.edge.cloud;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot's access token, from the client-credentials grant at the gateway's token
 * endpoint. It is replaced ahead of its expiry, so a request never waits for a new one
 * while the old still works; if the cloud cannot be reached then, the old token is used
 * until it expires.
 */
public class RobotToken {

	private static final Logger logger = LoggerFactory.getLogger(RobotToken.class);

	private final HttpClient http;

	private final CloudProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	private volatile AccessToken current;

	public RobotToken(HttpClient http, CloudProperties properties, JsonMapper json, Clock clock) {
		this.http = http;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	/** A token valid now, obtained anew when the one held is due for replacement. */
	public String value() throws IOException, InterruptedException {
		AccessToken token = this.current;
		Instant now = this.clock.instant();
		if (token != null && token.freshAt(now)) {
			return token.value();
		}
		synchronized (this) {
			token = this.current;
			if (token != null && token.freshAt(now)) {
				return token.value();
			}
			try {
				this.current = obtain();
			}
			catch (IOException ex) {
				if (token == null || !token.usableAt(now) || ex instanceof CloudCredentialsRefused) {
					throw ex;
				}
				logger.warn("Could not replace the robot's token yet ({}); the current one is valid until {}",
						ex.getMessage(), token.expiresAt());
			}
			return this.current.value();
		}
	}

	/** Forgets a token the cloud refused, so the next request obtains a new one. */
	public synchronized void refused(String value) {
		AccessToken token = this.current;
		if (token != null && token.value().equals(value)) {
			this.current = null;
		}
	}

	private AccessToken obtain() throws IOException, InterruptedException {
		String credentials = Base64.getEncoder()
			.encodeToString((encode(this.properties.clientId()) + ":" + encode(this.properties.clientSecret()))
				.getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.properties.url() + "/oauth2/token"))
			.timeout(Duration.ofSeconds(5))
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		Instant asked = this.clock.instant();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 400 || response.statusCode() == 401) {
			throw new CloudCredentialsRefused("the cloud refused the credentials of client '"
					+ this.properties.clientId() + "' (HTTP " + response.statusCode() + ")");
		}
		if (response.statusCode() != 200) {
			throw new IOException("the token endpoint answered HTTP " + response.statusCode());
		}
		JsonNode body = this.json.readTree(response.body());
		Duration lifetime = Duration.ofSeconds(body.path("expires_in").asLong(0));
		if (!body.path("access_token").isString() || lifetime.isZero() || lifetime.isNegative()) {
			throw new IOException("the token endpoint's answer has no access token with a lifetime");
		}
		Duration ahead = this.properties.tokenRefreshAhead();
		if (ahead.compareTo(lifetime.dividedBy(2)) > 0) {
			ahead = lifetime.dividedBy(2);
		}
		Instant expires = asked.plus(lifetime);
		return new AccessToken(body.get("access_token").asString(), expires.minus(ahead), expires);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
