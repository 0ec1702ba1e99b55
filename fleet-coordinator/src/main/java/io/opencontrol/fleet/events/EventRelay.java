package io.opencontrol.fleet.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens for the database's announcements of new fleet events (NOTIFY, sent on commit in
 * commit order) and hands them to this replica's streams, so a change made on any replica
 * reaches clients connected to every replica. When the listening connection is lost, it
 * reconnects and the streams catch up from the log.
 */
@Component
class EventRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EventRelay.class);

	private static final int WAIT_MILLIS = 500;

	private final DataSource dataSource;

	private final FleetEvents log;

	private final AssignmentStreams streams;

	private volatile Thread listener;

	EventRelay(DataSource dataSource, FleetEvents log, AssignmentStreams streams) {
		this.dataSource = dataSource;
		this.log = log;
		this.streams = streams;
	}

	private void listen() {
		while (!Thread.currentThread().isInterrupted()) {
			try (Connection connection = this.dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen fleet_event");
				}
				// Whatever was committed while nobody listened is in the log.
				this.streams.resumeAll();
				PGConnection pg = connection.unwrap(PGConnection.class);
				while (!Thread.currentThread().isInterrupted()) {
					PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							this.log.byId(Long.parseLong(notification.getParameter())).ifPresent(this.streams::publish);
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (Thread.currentThread().isInterrupted()) {
					return;
				}
				logger.warn("Listening for fleet events failed ({}); reconnecting", ex.toString());
				try {
					Thread.sleep(1000);
				}
				catch (InterruptedException stop) {
					return;
				}
			}
		}
	}

	@Override
	public void start() {
		Thread thread = new Thread(this::listen, "fleet-event-relay");
		thread.setDaemon(true);
		this.listener = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread thread = this.listener;
		this.listener = null;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.listener != null;
	}

}
