package io.opencontrol.platform.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Stops a PostgreSQL server left running on a data directory by a service that died
 * without shutting it down (kill -9, OOM). The embedded server runs in its own session,
 * so it outlives its JVM and keeps the directory locked. It is only stopped when no live
 * JVM holds the embedded server's lock on the directory, so a second instance can never
 * stop the first one's database.
 */
final class OrphanedPostmaster {

	private static final Log logger = LogFactory.getLog(OrphanedPostmaster.class);

	// The lock file io.zonky's EmbeddedPostgres holds for as long as it runs a server on
	// the directory.
	private static final String OWNER_LOCK = "epg-lock";

	private OrphanedPostmaster() {
	}

	static void stopIfPresent(Path dataDirectory, Duration timeout) throws IOException {
		Optional<ProcessHandle> postmaster = runningPostmaster(dataDirectory);
		if (postmaster.isEmpty()) {
			return;
		}
		try (FileChannel channel = FileChannel.open(dataDirectory.resolve(OWNER_LOCK), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = tryLock(channel)) {
			if (lock == null) {
				throw new IllegalStateException("Another process is running PostgreSQL on " + dataDirectory);
			}
			stop(postmaster.get(), dataDirectory, timeout);
		}
	}

	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// Held by this very JVM: a live owner as much as another process is.
			return null;
		}
	}

	private static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
			return Optional.empty();
		}
		return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
			.filter(ProcessHandle::isAlive)
			.filter((process) -> process.info().command().map((command) -> command.endsWith("postgres")).orElse(false));
	}

	private static void stop(ProcessHandle postmaster, Path dataDirectory, Duration timeout) {
		logger.warn("Stopping PostgreSQL (pid " + postmaster.pid() + ") left running on " + dataDirectory
				+ " by an earlier run");
		// SIGTERM is PostgreSQL's "smart" shutdown; the dead service's connections are
		// already gone.
		postmaster.destroy();
		try {
			postmaster.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			postmaster.destroyForcibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not wait for PostgreSQL to stop", ex);
		}
	}

}
