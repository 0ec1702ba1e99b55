package io.opencontrol.edge.telemetry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opencontrol.edge.cloud.Cloud;
import io.opencontrol.edge.journal.Journal;
import io.opencontrol.edge.journal.JournalRecord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the journal's records to the fleet-coordinator in order, in batches, each record
 * keyed by the journal's id and its sequence, and confirms them in the journal only once
 * the coordinator has stored them. A crash between the two sends a batch again, which the
 * coordinator recognises; an outage is waited out with growing pauses.
 */
@Component
public class Forwarder implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Forwarder.class);

	private final Journal journal;

	private final Cloud cloud;

	private final ForwardingProperties properties;

	private final Counter forwarded;

	private final Counter rejected;

	private volatile Thread thread;

	private volatile boolean running;

	private volatile Instant lastConfirmed;

	private volatile String lastProblem;

	Forwarder(Journal journal, Cloud cloud, ForwardingProperties properties, MeterRegistry registry) {
		this.journal = journal;
		this.cloud = cloud;
		this.properties = properties;
		this.forwarded = Counter.builder("opencontrol.edge.telemetry.forwarded")
			.description("Telemetry records the fleet-coordinator confirmed")
			.register(registry);
		this.rejected = Counter.builder("opencontrol.edge.telemetry.rejected")
			.description("Telemetry records the fleet-coordinator refused as invalid, skipped")
			.register(registry);
	}

	/** When the coordinator last confirmed a batch; null before the first. */
	public Instant lastConfirmed() {
		return this.lastConfirmed;
	}

	/** Why the last attempt failed; null after a success. */
	public String lastProblem() {
		return this.lastProblem;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::run, "telemetry-forwarder");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread forwarding = this.thread;
		if (forwarding != null) {
			forwarding.interrupt();
			try {
				forwarding.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		int limit = this.properties.batchRecords();
		Duration pause = this.properties.retryMin();
		while (this.running) {
			try {
				List<JournalRecord> batch = fitting(this.journal.readAfter(this.journal.forwardedUpTo(), limit));
				if (batch.isEmpty()) {
					Thread.sleep(this.properties.idlePoll().toMillis());
					continue;
				}
				int status = send(batch);
				long last = batch.get(batch.size() - 1).sequence();
				if (status == 200) {
					this.journal.acknowledge(last);
					this.forwarded.increment(batch.size());
					this.lastConfirmed = Instant.now();
					this.lastProblem = null;
					limit = this.properties.batchRecords();
					pause = this.properties.retryMin();
					continue;
				}
				if (status == 400 || status == 413) {
					limit = isolate(batch, status);
					continue;
				}
				this.lastProblem = "the fleet-coordinator answered HTTP " + status;
			}
			catch (IOException ex) {
				this.lastProblem = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				Thread.sleep(pause.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
			pause = (pause.compareTo(this.properties.retryMax().dividedBy(2)) > 0) ? this.properties.retryMax()
					: pause.multipliedBy(2);
		}
	}

	/**
	 * A refused batch is halved until the record the coordinator will not take is alone;
	 * that one is logged, counted and skipped so it cannot hold back every later record.
	 */
	private int isolate(List<JournalRecord> batch, int status) throws IOException {
		if (batch.size() > 1) {
			return batch.size() / 2;
		}
		long sequence = batch.get(0).sequence();
		logger.error("The fleet-coordinator refused telemetry record {} of journal {} (HTTP {}); skipping it", sequence,
				this.journal.id(), status);
		this.rejected.increment();
		this.journal.acknowledge(sequence);
		return this.properties.batchRecords();
	}

	private List<JournalRecord> fitting(List<JournalRecord> records) {
		List<JournalRecord> batch = new ArrayList<>(records.size());
		long bytes = 0;
		for (JournalRecord record : records) {
			bytes += record.payloadSize();
			if (!batch.isEmpty() && bytes > this.properties.batchSize().toBytes()) {
				break;
			}
			batch.add(record);
		}
		return batch;
	}

	private int send(List<JournalRecord> batch) throws IOException, InterruptedException {
		HttpRequest.Builder request = this.cloud.request("/api/robots/" + this.cloud.robotId() + "/telemetry")
			.timeout(this.properties.timeout())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body(batch)));
		HttpResponse<String> response = this.cloud.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			logger.debug("Telemetry batch answered {}: {}", response.statusCode(), response.body());
		}
		return response.statusCode();
	}

	/**
	 * The coordinator's batch, written directly: each stored payload is already the JSON
	 * object of a record's time and data, which only needs its sequence and priority.
	 */
	private byte[] body(List<JournalRecord> batch) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(
				("{\"journal_id\":\"" + this.journal.id() + "\",\"records\":[").getBytes(StandardCharsets.UTF_8));
		for (int i = 0; i < batch.size(); i++) {
			JournalRecord record = batch.get(i);
			byte[] payload = record.payload();
			out.writeBytes(((i > 0) ? ",{" : "{").getBytes(StandardCharsets.UTF_8));
			out.writeBytes(("\"sequence\":" + record.sequence() + ",\"priority\":\""
					+ record.priority().name().toLowerCase() + "\",")
				.getBytes(StandardCharsets.UTF_8));
			out.write(payload, 1, payload.length - 1);
		}
		out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

}
