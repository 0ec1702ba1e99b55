package io.opencontrol.edge.inference;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The model version running on the robot. A newer version replaces it only once loaded,
 * and the old one is closed after the inferences it is running have finished.
 */
@Component
class LocalRunner implements DisposableBean {

	private final InferenceProperties properties;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile LocalModel current;

	LocalRunner(InferenceProperties properties) {
		this.properties = properties;
	}

	/** The version loaded, or null before the first. */
	String version() {
		LocalModel model = this.current;
		return (model != null) ? model.version() : null;
	}

	/** As many inferences are running as the runner takes at once. */
	boolean overloaded() {
		return this.inFlight.get() >= this.properties.localConcurrency();
	}

	Prediction predict(PredictRequest request) throws InterruptedException {
		long started = System.nanoTime();
		this.inFlight.incrementAndGet();
		this.lock.readLock().lock();
		try {
			LocalModel model = this.current;
			if (model == null) {
				throw new LocalUnavailable("no model version is loaded on the robot yet and the cloud is unreachable");
			}
			if (request.version() != null && !request.version().equals(model.version())) {
				throw new InvalidPrediction("the robot runs version " + model.version() + ", not " + request.version());
			}
			List<Tensor> outputs = model.predict(request.inputs());
			return new Prediction(request.model(), model.version(), outputs, (System.nanoTime() - started) / 1e6,
					Prediction.Source.LOCAL_EDGE, null);
		}
		finally {
			this.lock.readLock().unlock();
			this.inFlight.decrementAndGet();
		}
	}

	/** Switches to {@code model}; the one it replaces is closed. */
	void use(LocalModel model) {
		LocalModel previous;
		this.lock.writeLock().lock();
		try {
			previous = this.current;
			this.current = model;
		}
		finally {
			this.lock.writeLock().unlock();
		}
		if (previous != null) {
			previous.close();
		}
	}

	@Override
	public void destroy() {
		use(null);
	}

}
