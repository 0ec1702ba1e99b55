package io.opencontrol.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in backend that answers 200 to everything and remembers every request, so a
 * test can prove what reached it and, above all, what did not. It can be stopped and
 * started again on the same port to play a backend that goes down and comes back.
 */
final class RecordingBackend implements AutoCloseable {

	record Request(String method, String path, Map<String, List<String>> headers) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> String.join(",", entry.getValue()))
				.findFirst()
				.orElse(null);
		}

	}

	static final Duration SLOW_ANSWER = Duration.ofMillis(2500);

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final int port;

	private HttpServer server;

	private RecordingBackend(int port) throws IOException {
		this.port = port;
		start();
	}

	static RecordingBackend start(int port) throws IOException {
		return new RecordingBackend(port);
	}

	synchronized void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", this.port), 1024);
		this.server.createContext("/", this::record);
		this.server.setExecutor(Executors.newFixedThreadPool(8));
		this.server.start();
	}

	synchronized void stop() {
		this.server.stop(0);
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	void clear() {
		this.requests.clear();
	}

	private void record(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			body.transferTo(OutputStream.nullOutputStream());
		}
		this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				Map.copyOf(exchange.getRequestHeaders())));
		if (exchange.getRequestURI().getRawPath().endsWith("/slow")) {
			// A backend that takes its time, as inference under load does.
			try {
				Thread.sleep(SLOW_ANSWER.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		byte[] answer = "{\"backend\":\"recorded\"}".getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

	@Override
	public void close() {
		stop();
	}

}
