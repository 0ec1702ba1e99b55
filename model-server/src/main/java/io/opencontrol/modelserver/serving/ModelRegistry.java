package io.opencontrol.modelserver.serving;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.opencontrol.modelserver.batching.ModelPool;

import org.springframework.stereotype.Component;

/**
 * The warm model versions that take requests. Each model's versions are an immutable map
 * replaced as a whole, so a reader sees a version either fully published or not at all; a
 * request that names no version goes to the highest. Versions being loaded are known too,
 * so that a request for one is told to come back rather than that it does not exist.
 */
@Component
public class ModelRegistry {

	private final ConcurrentMap<String, NavigableMap<Long, ModelPool>> models = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Set<Long>> loading = new ConcurrentHashMap<>();

	/**
	 * The pool serving a model version ({@code null}: the highest).
	 * @throws ModelNotReady if it is not served yet but being loaded
	 * @throws ModelNotFound if the model or version is not served
	 */
	public ModelPool resolve(String model, String version) {
		NavigableMap<Long, ModelPool> versions = this.models.get(model);
		if (version == null) {
			if (versions != null && !versions.isEmpty()) {
				return versions.lastEntry().getValue();
			}
			if (this.loading.containsKey(model)) {
				throw new ModelNotReady(model);
			}
			throw new ModelNotFound(model);
		}
		Optional<Long> number = parse(version);
		ModelPool pool = (versions != null) ? number.map(versions::get).orElse(null) : null;
		if (pool != null) {
			return pool;
		}
		if (number.isPresent() && this.loading.getOrDefault(model, Set.of()).contains(number.get())) {
			throw new ModelNotReady(model, version);
		}
		throw new ModelNotFound(model, version);
	}

	public Optional<NavigableMap<Long, ModelPool>> versions(String model) {
		return Optional.ofNullable(this.models.get(model)).filter((versions) -> !versions.isEmpty());
	}

	public Map<String, NavigableMap<Long, ModelPool>> all() {
		return Map.copyOf(this.models);
	}

	/**
	 * A version about to be loaded: requests for it are answered "not ready" meanwhile.
	 */
	void expect(String model, long version) {
		this.loading.compute(model, (name, versions) -> {
			Set<Long> next = (versions == null) ? new TreeSet<>() : new TreeSet<>(versions);
			next.add(version);
			return Set.copyOf(next);
		});
	}

	void publish(ModelPool pool) {
		this.models.compute(pool.config().name(), (name, versions) -> {
			TreeMap<Long, ModelPool> next = (versions == null) ? new TreeMap<>() : new TreeMap<>(versions);
			next.put(pool.version(), pool);
			return java.util.Collections.unmodifiableNavigableMap(next);
		});
	}

	/** The version is no longer being loaded: published (call after that), or failed. */
	void abandon(String model, long version) {
		this.loading.computeIfPresent(model, (name, versions) -> {
			Set<Long> next = new TreeSet<>(versions);
			next.remove(version);
			return next.isEmpty() ? null : Set.copyOf(next);
		});
	}

	/** Forgets every version still marked as loading: nothing is being loaded now. */
	void settle() {
		this.loading.clear();
	}

	/** Stops routing to a version; the caller drains and closes the returned pool. */
	Optional<ModelPool> withdraw(String model, long version) {
		ModelPool[] removed = new ModelPool[1];
		this.models.computeIfPresent(model, (name, versions) -> {
			TreeMap<Long, ModelPool> next = new TreeMap<>(versions);
			removed[0] = next.remove(version);
			return next.isEmpty() ? null : java.util.Collections.unmodifiableNavigableMap(next);
		});
		return Optional.ofNullable(removed[0]);
	}

	private static Optional<Long> parse(String version) {
		try {
			return Optional.of(Long.parseLong(version));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
