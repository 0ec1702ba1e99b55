package io.opencontrol.modelserver.serving;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.opencontrol.modelserver.batching.ModelPool;

import org.springframework.stereotype.Component;

/**
 * The warm model versions that take requests. Each model's versions are an immutable map
 * replaced as a whole, so a reader sees a version either fully published or not at all; a
 * request that names no version goes to the highest.
 */
@Component
public class ModelRegistry {

	private final ConcurrentMap<String, NavigableMap<Long, ModelPool>> models = new ConcurrentHashMap<>();

	/**
	 * The pool serving a model version ({@code null}: the highest).
	 * @throws ModelNotFound if the model or version is not served
	 */
	public ModelPool resolve(String model, String version) {
		NavigableMap<Long, ModelPool> versions = this.models.get(model);
		if (versions == null || versions.isEmpty()) {
			throw new ModelNotFound(model);
		}
		if (version == null) {
			return versions.lastEntry().getValue();
		}
		ModelPool pool = parse(version).map(versions::get).orElse(null);
		if (pool == null) {
			throw new ModelNotFound(model, version);
		}
		return pool;
	}

	public Optional<NavigableMap<Long, ModelPool>> versions(String model) {
		return Optional.ofNullable(this.models.get(model)).filter((versions) -> !versions.isEmpty());
	}

	public Map<String, NavigableMap<Long, ModelPool>> all() {
		return Map.copyOf(this.models);
	}

	void publish(ModelPool pool) {
		this.models.compute(pool.config().name(), (name, versions) -> {
			TreeMap<Long, ModelPool> next = (versions == null) ? new TreeMap<>() : new TreeMap<>(versions);
			next.put(pool.version(), pool);
			return java.util.Collections.unmodifiableNavigableMap(next);
		});
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
