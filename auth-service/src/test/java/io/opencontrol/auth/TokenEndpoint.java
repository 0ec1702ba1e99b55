package io.opencontrol.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Asks a running auth-service for client-credentials tokens over real HTTP. */
final class TokenEndpoint {

	private final HttpClient client = HttpClient.newHttpClient();

	private final String baseUrl;

	TokenEndpoint(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	HttpResponse<String> clientCredentials(String clientId, String secret) throws IOException, InterruptedException {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	URI jwks() {
		return URI.create(this.baseUrl + "/oauth2/jwks");
	}

}
