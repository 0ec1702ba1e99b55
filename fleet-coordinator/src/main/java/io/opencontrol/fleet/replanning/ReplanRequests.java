package io.opencontrol.fleet.replanning;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.opencontrol.fleet.assignment.AssignmentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Asks for fleets to be re-planned when something changed (a robot freed up, went offline
 * or came back, a task was cancelled). Requests for one fleet within the coalesce window
 * become one run, and runs happen one at a time on one named thread, so a burst of
 * completions costs one plan.
 */
@Component
public class ReplanRequests implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ReplanRequests.class);

	private final Replanner replanner;

	private final long coalesceMillis;

	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	private volatile ScheduledExecutorService executor;

	ReplanRequests(Replanner replanner, AssignmentProperties properties) {
		this.replanner = replanner;
		this.coalesceMillis = properties.replanning().coalesce().toMillis();
	}

	/**
	 * Re-plans the fleet soon; inside a transaction, only once it has committed (the plan
	 * must see the change that asked for it).
	 */
	public void request(String fleet) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					schedule(fleet);
				}
			});
		}
		else {
			schedule(fleet);
		}
	}

	private void schedule(String fleet) {
		ScheduledExecutorService running = this.executor;
		if (running != null && this.pending.add(fleet)) {
			running.schedule(() -> run(fleet), this.coalesceMillis, TimeUnit.MILLISECONDS);
		}
	}

	private void run(String fleet) {
		this.pending.remove(fleet);
		try {
			this.replanner.replan(fleet);
		}
		catch (RuntimeException ex) {
			// The periodic re-plan tries again; a failing plan must not stop the thread.
			logger.warn("Re-planning fleet {} failed: {}", fleet, ex.toString());
		}
	}

	@Override
	public void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> new Thread(task, "replanner"));
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.executor;
		this.executor = null;
		if (running != null) {
			running.shutdownNow();
			try {
				running.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
