package io.opencontrol.edge.cloud;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Requests to the cloud through the OpenControl gateway, as this robot: each carries the
 * robot's token, and a request the cloud answers 401 (a token revoked or signed by a
 * retired key) is sent once more with a new token.
 */
public class Cloud {

	private final HttpClient http;

	private final CloudProperties properties;

	private final RobotToken token;

	Cloud(HttpClient http, CloudProperties properties, RobotToken token) {
		this.http = http;
		this.properties = properties;
		this.token = token;
	}

	/** The robot this edge gateway speaks for. */
	public String robotId() {
		return this.properties.robotId();
	}

	/** A request to {@code path} on the cloud's gateway. */
	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.properties.url() + path));
	}

	public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
			throws IOException, InterruptedException {
		String value = this.token.value();
		HttpResponse<T> response = this.http.send(authorized(request, value), body);
		if (response.statusCode() != 401) {
			return response;
		}
		this.token.refused(value);
		return this.http.send(authorized(request, this.token.value()), body);
	}

	/**
	 * Sends without waiting, for callers that bound the time themselves; a token is
	 * obtained first, which may wait for the token endpoint.
	 */
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest.Builder request,
			HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
		String value = this.token.value();
		return this.http.sendAsync(authorized(request, value), body).thenApply((response) -> {
			if (response.statusCode() == 401) {
				this.token.refused(value);
			}
			return response;
		});
	}

	private static HttpRequest authorized(HttpRequest.Builder request, String token) {
		return request.copy().setHeader("Authorization", "Bearer " + token).build();
	}

}
