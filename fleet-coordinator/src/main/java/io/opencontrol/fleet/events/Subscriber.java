package io.opencontrol.fleet.events;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open assignment stream. Events are sent in id order, each once, on a pooled thread
 * so a slow client holds up nobody else; a client too slow for {@link #MOST_PENDING}
 * events is disconnected and resumes from the log with Last-Event-ID. While the stream
 * catches up from the log, live events wait and are then sent if they are newer.
 */
final class Subscriber {

	static final int MOST_PENDING = 1000;

	private final SseEmitter emitter;

	private final Predicate<FleetEvent> wanted;

	private final Function<Long, List<FleetEvent>> log;

	private final Executor sender;

	private final ArrayDeque<FleetEvent> pending = new ArrayDeque<>();

	private final List<FleetEvent> heldBack = new ArrayList<>();

	private long lastQueued;

	private boolean catchingUp = true;

	private boolean sending;

	private boolean closed;

	Subscriber(SseEmitter emitter, Predicate<FleetEvent> wanted, Function<Long, List<FleetEvent>> log, long after,
			Executor sender) {
		this.emitter = emitter;
		this.wanted = wanted;
		this.log = log;
		this.lastQueued = after;
		this.sender = sender;
	}

	/** This stream's events in the log after the given id, oldest first. */
	List<FleetEvent> logAfter(long id) {
		return this.log.apply(id);
	}

	synchronized long lastQueued() {
		return this.lastQueued;
	}

	/** A live event: sent now, or after catching up. */
	synchronized void offer(FleetEvent event) {
		if (this.closed || !this.wanted.test(event)) {
			return;
		}
		if (this.catchingUp) {
			this.heldBack.add(event);
		}
		else {
			enqueue(event);
		}
	}

	/** Events read from the log while catching up. */
	synchronized void replayed(List<FleetEvent> events) {
		events.forEach(this::enqueue);
	}

	/** Catching up is done: held-back live events newer than the log's follow. */
	synchronized void caughtUp() {
		this.catchingUp = false;
		this.heldBack.sort(Comparator.comparingLong(FleetEvent::id));
		this.heldBack.forEach(this::enqueue);
		this.heldBack.clear();
	}

	/** Catch up again (the live feed was interrupted). */
	synchronized void resume() {
		this.catchingUp = true;
	}

	/** Waits while the client is still being sent a large part of what was replayed. */
	synchronized void awaitRoom() throws InterruptedException {
		while (!this.closed && this.pending.size() > MOST_PENDING / 2) {
			wait(1000);
		}
	}

	synchronized boolean closed() {
		return this.closed;
	}

	void keepAlive() {
		try {
			this.emitter.send(SseEmitter.event().comment("keep-alive"));
		}
		catch (IOException | IllegalStateException ex) {
			close();
		}
	}

	synchronized void close() {
		if (!this.closed) {
			this.closed = true;
			this.pending.clear();
			notifyAll();
			this.emitter.complete();
		}
	}

	private void enqueue(FleetEvent event) {
		if (this.closed || event.id() <= this.lastQueued) {
			return;
		}
		if (this.pending.size() >= MOST_PENDING) {
			close();
			return;
		}
		this.lastQueued = event.id();
		this.pending.add(event);
		if (!this.sending) {
			this.sending = true;
			this.sender.execute(this::drain);
		}
	}

	private void drain() {
		while (true) {
			FleetEvent next;
			synchronized (this) {
				next = this.pending.poll();
				notifyAll();
				if (next == null || this.closed) {
					this.sending = false;
					return;
				}
			}
			try {
				this.emitter.send(SseEmitter.event()
					.id(Long.toString(next.id()))
					.name(next.kind())
					.data(next.json(), MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException ex) {
				close();
			}
		}
	}

}
