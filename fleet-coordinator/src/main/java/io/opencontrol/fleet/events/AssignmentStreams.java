package io.opencontrol.fleet.events;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open assignment streams of this replica: per robot (for its edge gateway) and per
 * fleet (for dashboards). A new stream first catches up from the event log after the
 * client's Last-Event-ID, then follows live events; the log makes a reconnect lose
 * nothing, whichever replica the client reaches.
 */
@Component
public class AssignmentStreams implements SmartLifecycle {

	private static final int BATCH = 200;

	private static final long KEEP_ALIVE_SECONDS = 15;

	private final FleetEvents log;

	private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

	// Made in start() like every other lifecycle's threads, so a stopped context can be
	// started again (Spring's tests pause contexts they keep for later).
	private volatile ExecutorService senders;

	private volatile ExecutorService catchingUp;

	private volatile ScheduledExecutorService keepAlive;

	private volatile boolean running;

	AssignmentStreams(FleetEvents log, MeterRegistry meters) {
		this.log = log;
		Gauge.builder("opencontrol.assignment.streams", this.subscribers, Set::size)
			.description("Open assignment streams on this replica")
			.register(meters);
	}

	/** The robot's stream, resuming after {@code lastEventId} (or from now). */
	public SseEmitter ofRobot(String robot, Long lastEventId) {
		return open((event) -> robot.equals(event.robot()), lastEventId,
				(after) -> this.log.ofRobotAfter(robot, after, BATCH));
	}

	/** The fleet's stream, resuming after {@code lastEventId} (or from now). */
	public SseEmitter ofFleet(String fleet, Long lastEventId) {
		return open((event) -> fleet.equals(event.fleet()), lastEventId,
				(after) -> this.log.ofFleetAfter(fleet, after, BATCH));
	}

	/** A live event, announced by the database. */
	void publish(FleetEvent event) {
		this.subscribers.forEach((subscriber) -> subscriber.offer(event));
	}

	/** The live feed was interrupted: every stream catches up from the log again. */
	void resumeAll() {
		this.subscribers.forEach(Subscriber::resume);
		this.subscribers.forEach((subscriber) -> this.catchingUp.execute(() -> catchUp(subscriber)));
	}

	private SseEmitter open(Predicate<FleetEvent> wanted, Long lastEventId, Function<Long, List<FleetEvent>> after) {
		SseEmitter emitter = new SseEmitter(0L);
		long start = (lastEventId != null) ? lastEventId : this.log.latestId();
		Subscriber subscriber = new Subscriber(emitter, wanted, after, start, this.senders);
		this.subscribers.add(subscriber);
		emitter.onCompletion(() -> this.subscribers.remove(subscriber));
		emitter.onError((ex) -> subscriber.close());
		emitter.onTimeout(subscriber::close);
		if (!this.running) {
			subscriber.close();
			return emitter;
		}
		this.catchingUp.execute(() -> catchUp(subscriber));
		return emitter;
	}

	private void catchUp(Subscriber subscriber) {
		try {
			List<FleetEvent> batch;
			do {
				subscriber.awaitRoom();
				batch = subscriber.logAfter(subscriber.lastQueued());
				subscriber.replayed(batch);
			}
			while (batch.size() == BATCH && !subscriber.closed());
			subscriber.caughtUp();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			subscriber.close();
		}
		catch (RuntimeException ex) {
			// The log is unreachable (database restarting): the client reconnects and
			// resumes.
			subscriber.close();
		}
	}

	@Override
	public synchronized void start() {
		AtomicInteger threads = new AtomicInteger();
		this.senders = Executors
			.newCachedThreadPool((task) -> daemon(task, "assignment-stream-" + threads.incrementAndGet()));
		this.catchingUp = Executors.newCachedThreadPool((task) -> daemon(task, "assignment-catch-up"));
		this.keepAlive = Executors.newSingleThreadScheduledExecutor((task) -> daemon(task, "assignment-keep-alive"));
		this.running = true;
		this.keepAlive.scheduleWithFixedDelay(() -> this.subscribers.forEach(Subscriber::keepAlive), KEEP_ALIVE_SECONDS,
				KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
	}

	/** Ends every stream first, so graceful shutdown does not wait on them. */
	@Override
	public synchronized void stop() {
		this.running = false;
		this.subscribers.forEach(Subscriber::close);
		this.keepAlive.shutdownNow();
		this.catchingUp.shutdownNow();
		this.senders.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}
