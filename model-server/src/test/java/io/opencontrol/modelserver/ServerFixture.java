package io.opencontrol.modelserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.opencontrol.testtokens.TestTokens;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.awaitility.Awaitility.await;

/**
 * What the model server's tests share: a token issuer, a copy of the committed model
 * repository the test may change, and an HTTP client with the right tokens.
 */
public final class ServerFixture {

	public static final TestTokens TOKENS = TestTokens.start();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private ServerFixture() {
	}

	public static void register(DynamicPropertyRegistry registry, Path repository) {
		registry.add("opencontrol.tokens.issuer", () -> TestTokens.ISSUER);
		registry.add("opencontrol.tokens.jwk-set-uri", TOKENS::jwkSetUri);
		registry.add("opencontrol.models.repository", repository::toString);
		registry.add("opencontrol.models.poll-interval", () -> "200ms");
	}

	/**
	 * A fresh copy of the committed repository, with {@code config.yaml} edited by
	 * {@code edit}.
	 */
	public static Path repositoryCopy(java.util.function.UnaryOperator<String> edit) {
		try {
			Path root = Files.createTempDirectory("model-repository");
			try (Stream<Path> files = Files.walk(ReferenceData.MODELS)) {
				for (Path source : files.toList()) {
					Path target = root.resolve(ReferenceData.MODELS.relativize(source).toString());
					if (Files.isDirectory(source)) {
						Files.createDirectories(target);
					}
					else {
						Files.copy(source, target);
					}
				}
			}
			Path config = root.resolve("world_model/config.yaml");
			Files.writeString(config, edit.apply(Files.readString(config)));
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String operatorToken() {
		return TOKENS.token(List.of("operator"), List.of("*"));
	}

	public static String adminToken() {
		return TOKENS.token(List.of("admin"), List.of("*"));
	}

	/** Waits until the server on {@code port} says it is ready (every model warm). */
	public static void awaitReady(int port) {
		await().atMost(Duration.ofSeconds(120))
			.until(() -> send(get(port, "/v2/health/ready"), operatorToken()).statusCode() == 200);
	}

	public static HttpResponse<byte[]> send(HttpRequest.Builder request, String token) {
		return sendAnonymously(request.header("Authorization", "Bearer " + token));
	}

	public static HttpResponse<byte[]> sendAnonymously(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static HttpRequest.Builder post(int port, String path, byte[] body) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
	}

	public static HttpRequest.Builder get(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
	}

}
