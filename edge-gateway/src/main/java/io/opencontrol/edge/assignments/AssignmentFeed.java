package io.opencontrol.edge.assignments;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.opencontrol.edge.cloud.Cloud;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Follows the robot's assignment stream (server-sent events) from the fleet-coordinator
 * and folds it into {@link RobotAssignments}. The first connection replays the robot's
 * whole event log, so a restarted edge gateway knows its open tasks again; a reconnection
 * resumes after the last event seen. A stream silent past the timeout (no keep-alive) is
 * taken as dead and opened again.
 */
public class AssignmentFeed implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(AssignmentFeed.class);

	private final Cloud cloud;

	private final RobotAssignments assignments;

	private final AssignmentProperties properties;

	private final JsonMapper json;

	private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "assignment-stream-watchdog");
		thread.setDaemon(true);
		return thread;
	});

	private volatile Thread thread;

	private volatile boolean running;

	private volatile boolean connected;

	private volatile InputStream current;

	private volatile String lastProblem;

	AssignmentFeed(Cloud cloud, RobotAssignments assignments, AssignmentProperties properties, JsonMapper json) {
		this.cloud = cloud;
		this.assignments = assignments;
		this.properties = properties;
		this.json = json;
	}

	/** Whether the stream is open now. */
	public boolean connected() {
		return this.connected;
	}

	/** Why the stream was last lost or refused; null while it is open. */
	public String lastProblem() {
		return this.lastProblem;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::run, "assignment-stream");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.watchdog.shutdownNow();
		Thread following = this.thread;
		if (following != null) {
			following.interrupt();
		}
		InputStream open = this.current;
		if (open != null) {
			try {
				// A blocked read ends only when its stream is closed.
				open.close();
			}
			catch (IOException ex) {
				// Closing is all that was wanted.
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		Duration pause = this.properties.reconnectMin();
		while (this.running) {
			try {
				if (follow()) {
					pause = this.properties.reconnectMin();
				}
			}
			catch (IOException ex) {
				problem(ex.getClass().getSimpleName() + ": " + ex.getMessage());
			}
			catch (InterruptedException ex) {
				return;
			}
			finally {
				this.connected = false;
			}
			try {
				Thread.sleep(pause.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
			pause = (pause.compareTo(this.properties.reconnectMax().dividedBy(2)) > 0) ? this.properties.reconnectMax()
					: pause.multipliedBy(2);
		}
	}

	/** Reads one stream until it ends; true when it was open at all. */
	private boolean follow() throws IOException, InterruptedException {
		HttpRequest.Builder request = this.cloud.request("/api/robots/" + this.cloud.robotId() + "/assignments")
			.header("Accept", "text/event-stream")
			.header("Last-Event-ID", Long.toString(this.assignments.lastEventId()))
			.GET();
		HttpResponse<InputStream> response = this.cloud.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			this.current = body;
			if (response.statusCode() != 200) {
				problem("the fleet-coordinator answered HTTP " + response.statusCode());
				return false;
			}
			this.connected = true;
			this.lastProblem = null;
			logger.info("Following the assignment stream of robot {} after event {}", this.cloud.robotId(),
					this.assignments.lastEventId());
			read(body);
			problem("the assignment stream ended");
			return true;
		}
		finally {
			this.current = null;
		}
	}

	private void read(InputStream body) throws IOException {
		Silence silence = new Silence(body);
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			Event event = new Event();
			String line;
			while (this.running && (line = lines.readLine()) != null) {
				silence.heard();
				if (line.isEmpty()) {
					dispatch(event);
					event = new Event();
				}
				else if (line.startsWith("id:")) {
					event.id = field(line);
				}
				else if (line.startsWith("event:")) {
					event.kind = field(line);
				}
				else if (line.startsWith("data:")) {
					event.data.append((event.data.length() > 0) ? "\n" : "").append(field(line));
				}
				// Anything else is a comment (keep-alive) or a field this client does not
				// use.
			}
		}
		finally {
			silence.stop();
		}
	}

	private void dispatch(Event event) {
		if (event.id == null || event.kind == null || event.data.length() == 0) {
			return;
		}
		try {
			JsonNode payload = this.json.readTree(event.data.toString());
			this.assignments.apply(Long.parseLong(event.id), event.kind, payload.path("task"));
		}
		catch (RuntimeException ex) {
			logger.warn("Skipping an assignment event the robot cannot read (id {}): {}", event.id, ex.getMessage());
		}
	}

	private void problem(String problem) {
		if (this.lastProblem == null && this.running) {
			logger.warn("Assignment stream of robot {} lost: {}", this.cloud.robotId(), problem);
		}
		this.lastProblem = problem;
	}

	private static String field(String line) {
		String value = line.substring(line.indexOf(':') + 1);
		return value.startsWith(" ") ? value.substring(1) : value;
	}

	private static final class Event {

		private String id;

		private String kind;

		private final StringBuilder data = new StringBuilder();

	}

	/** Closes the stream when nothing, not even a keep-alive, arrives in time. */
	private final class Silence {

		private final ScheduledFuture<?> check;

		private volatile Instant lastHeard = Instant.now();

		Silence(InputStream body) {
			long period = Math.max(100, AssignmentFeed.this.properties.silenceTimeout().toMillis() / 4);
			this.check = AssignmentFeed.this.watchdog.scheduleWithFixedDelay(() -> {
				if (this.lastHeard.plus(AssignmentFeed.this.properties.silenceTimeout()).isBefore(Instant.now())) {
					try {
						body.close();
					}
					catch (IOException ex) {
						// Closing is all that was wanted.
					}
				}
			}, period, period, TimeUnit.MILLISECONDS);
		}

		void heard() {
			this.lastHeard = Instant.now();
		}

		void stop() {
			this.check.cancel(false);
		}

	}

}
