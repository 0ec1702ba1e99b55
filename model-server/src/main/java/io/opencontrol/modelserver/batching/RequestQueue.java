package io.opencontrol.modelserver.batching;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded two-level priority queue. Offers never block: a full queue answers at once.
 * Takers wait; {@link #close()} refuses new offers and lets takers drain what is left.
 */
final class RequestQueue {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final ArrayDeque<BatchRequest> high = new ArrayDeque<>();

	private final ArrayDeque<BatchRequest> normal = new ArrayDeque<>();

	private final int capacity;

	private boolean closed;

	RequestQueue(int capacity) {
		this.capacity = capacity;
	}

	enum Offer {

		QUEUED, FULL, CLOSED

	}

	Offer offer(BatchRequest request) {
		this.lock.lock();
		try {
			if (this.closed) {
				return Offer.CLOSED;
			}
			if (this.high.size() + this.normal.size() >= this.capacity) {
				return Offer.FULL;
			}
			request.enqueuedAt(System.nanoTime());
			((request.priority() == Priority.HIGH) ? this.high : this.normal).addLast(request);
			this.changed.signal();
			return Offer.QUEUED;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The next request by priority, waiting for one; null once closed and empty. */
	BatchRequest take() throws InterruptedException {
		this.lock.lockInterruptibly();
		try {
			while (true) {
				BatchRequest next = (this.high.isEmpty()) ? this.normal.pollFirst() : this.high.pollFirst();
				if (next != null) {
					return next;
				}
				if (this.closed) {
					return null;
				}
				this.changed.await();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The first request by priority that stacks with {@code first} and fits in
	 * {@code maxRows}, waiting until {@code deadline} (nanoTime) for one; null if none
	 * came. Requests that do not stack stay queued, in order, for another batch.
	 */
	BatchRequest pollStackable(BatchRequest first, int maxRows, long deadline) throws InterruptedException {
		this.lock.lockInterruptibly();
		try {
			while (true) {
				BatchRequest next = removeStackable(this.high, first, maxRows);
				if (next == null) {
					next = removeStackable(this.normal, first, maxRows);
				}
				long wait = deadline - System.nanoTime();
				if (next != null || wait <= 0 || this.closed) {
					return next;
				}
				this.changed.awaitNanos(wait);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private static BatchRequest removeStackable(ArrayDeque<BatchRequest> queue, BatchRequest first, int maxRows) {
		for (Iterator<BatchRequest> it = queue.iterator(); it.hasNext();) {
			BatchRequest candidate = it.next();
			if (candidate.rows() <= maxRows && candidate.stacksWith(first)) {
				it.remove();
				return candidate;
			}
		}
		return null;
	}

	/** Removes a request not yet taken; false if a worker has it. */
	boolean remove(BatchRequest request) {
		this.lock.lock();
		try {
			return ((request.priority() == Priority.HIGH) ? this.high : this.normal).remove(request);
		}
		finally {
			this.lock.unlock();
		}
	}

	int size() {
		this.lock.lock();
		try {
			return this.high.size() + this.normal.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	void close() {
		this.lock.lock();
		try {
			this.closed = true;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Empties the queue, returning what was left in it. */
	List<BatchRequest> clear() {
		this.lock.lock();
		try {
			List<BatchRequest> left = new ArrayList<>(this.high);
			left.addAll(this.normal);
			this.high.clear();
			this.normal.clear();
			return left;
		}
		finally {
			this.lock.unlock();
		}
	}

}
