package io.opencontrol.modelserver.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link OpenConnections} closes on shutdown, on a real Reactor Netty server that is
 * still listening: a connection that has not sent a request yet is closed too, and one
 * made after the close is closed at once, so neither can carry a request to a server
 * whose models are being unloaded; once started again, it serves again.
 */
class OpenConnectionsTests {

	private static final String REQUEST = "GET /answer HTTP/1.1\r\nHost: localhost\r\n\r\n";

	// One event loop: connections are set up in the order they were made.
	private final LoopResources loops = LoopResources.create("open-connections-test", 1, true);

	private final OpenConnections openConnections = new OpenConnections();

	private DisposableServer server;

	@BeforeEach
	void start() {
		HttpServer plain = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.handle((request, response) -> response.sendString(Mono.just("answered")));
		this.server = this.openConnections.apply(plain).bindNow();
		this.openConnections.start();
	}

	@AfterEach
	void stop() {
		this.server.disposeNow();
		this.loops.disposeLater().block();
	}

	@Test
	void aConnectionThatHasNotSentARequestYetIsClosed() throws IOException {
		try (Socket silent = connect(); Socket asking = connect()) {
			// The second connection's answer means the first one, made before it on the
			// same event loop, has been set up.
			assertThat(ask(asking)).startsWith("HTTP/1.1 200");
			this.openConnections.stop();
			assertThat(closedByServer(silent)).as("the silent connection was closed").isTrue();
		}
	}

	@Test
	void aConnectionMadeAfterTheCloseIsClosedAtOnce() throws IOException {
		this.openConnections.stop();
		try (Socket late = connect()) {
			late.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
			assertThat(closedByServer(late)).as("the late connection was closed unanswered").isTrue();
		}
	}

	@Test
	void aRestartedServerTakesConnectionsAgain() throws IOException {
		this.openConnections.stop();
		this.openConnections.start();
		try (Socket again = connect()) {
			assertThat(ask(again)).startsWith("HTTP/1.1 200");
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.server.port());
		socket.setSoTimeout(5000);
		return socket;
	}

	private static String ask(Socket socket) throws IOException {
		socket.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
		byte[] head = new byte[15];
		int read = socket.getInputStream().readNBytes(head, 0, head.length);
		return new String(head, 0, read, StandardCharsets.US_ASCII);
	}

	/** The server ended the connection without sending anything on it. */
	private static boolean closedByServer(Socket socket) throws IOException {
		InputStream input = socket.getInputStream();
		try {
			return input.read() == -1;
		}
		catch (SocketTimeoutException stillOpen) {
			return false;
		}
		catch (IOException reset) {
			return true;
		}
	}

}
