package io.opencontrol.modelserver.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.opencontrol.modelserver.batching.ModelPool;
import io.opencontrol.modelserver.engine.EngineLoader;
import io.opencontrol.modelserver.engine.LoadedModel;
import io.opencontrol.modelserver.engine.ModelLoadFailed;
import io.opencontrol.modelserver.metrics.InferenceMetrics;
import io.opencontrol.modelserver.repository.InvalidModelConfig;
import io.opencontrol.modelserver.repository.ModelRepository;
import io.opencontrol.modelserver.repository.RepositoryEntry;
import io.opencontrol.modelserver.repository.RepositoryProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the served versions equal to what the repository and each model's version policy
 * say. A new version is loaded and warmed while the old one serves, then published; a
 * version no longer wanted stops taking requests, answers what it has queued and is
 * released. A model unloaded through the API stays unloaded until it is loaded again. One
 * change at a time (synchronized): loads are rare and slow, answers are not waiting on
 * them.
 */
@Component
public class RepositorySync {

	private static final Logger logger = LoggerFactory.getLogger(RepositorySync.class);

	private final ModelRepository repository;

	private final EngineLoader engines;

	private final ModelRegistry registry;

	private final InferenceMetrics metrics;

	private final RepositoryProperties properties;

	private final Set<String> unloadedOnRequest = ConcurrentHashMap.newKeySet();

	/**
	 * Versions that failed to load, by the model file's modification time: retried when
	 * the file changes.
	 */
	private final Map<String, Long> failed = new ConcurrentHashMap<>();

	private final Map<String, VersionState> states = new ConcurrentHashMap<>();

	private volatile boolean everyModelWarm;

	public RepositorySync(ModelRepository repository, EngineLoader engines, ModelRegistry registry,
			InferenceMetrics metrics, RepositoryProperties properties) {
		this.repository = repository;
		this.engines = engines;
		this.registry = registry;
		this.metrics = metrics;
		this.properties = properties;
	}

	/**
	 * Marks every version the repository wants served as loading, so that requests which
	 * arrive before the first (slow) {@link #syncAll} has loaded it are told to retry.
	 */
	public synchronized void expectAll() {
		for (RepositoryEntry entry : this.repository.scan()) {
			if (entry.valid() && !this.unloadedOnRequest.contains(entry.name())) {
				entry.servedVersions().forEach((version) -> this.registry.expect(entry.name(), version));
			}
		}
	}

	/** Brings every model in line with the repository. */
	public synchronized void syncAll() {
		try {
			syncWithRepository();
		}
		finally {
			// Loads run only inside this class's synchronized methods, so none is under
			// way.
			this.registry.settle();
		}
	}

	private void syncWithRepository() {
		List<RepositoryEntry> entries = this.repository.scan();
		Set<String> present = new HashSet<>();
		boolean allWarm = true;
		for (RepositoryEntry entry : entries) {
			present.add(entry.name());
			if (!this.unloadedOnRequest.contains(entry.name())) {
				sync(entry);
				allWarm &= entry.valid() && this.registry.versions(entry.name()).isPresent();
			}
		}
		for (String model : this.registry.all().keySet()) {
			if (!present.contains(model)) {
				unloadAll(model);
			}
		}
		this.everyModelWarm = allWarm;
	}

	/**
	 * Loads a model (again) as its config says.
	 * @throws ModelNotFound if the repository has no such model
	 * @throws InvalidModelConfig if its config cannot be served
	 * @throws ModelLoadFailed if no version could be loaded
	 */
	public synchronized void load(String model) {
		RepositoryEntry entry = this.repository.find(model).orElseThrow(() -> new ModelNotFound(model));
		if (!entry.valid()) {
			throw new InvalidModelConfig(entry.problem());
		}
		this.unloadedOnRequest.remove(model);
		this.failed.keySet().removeIf((key) -> key.startsWith(model + "/"));
		sync(entry);
		if (this.registry.versions(model).isEmpty()) {
			throw new ModelLoadFailed(model,
					"no version could be loaded: " + this.states.values()
						.stream()
						.filter((state) -> state.model().equals(model))
						.map(VersionState::reason)
						.filter(java.util.Objects::nonNull)
						.findFirst()
						.orElse("none on disk"));
		}
	}

	/** Unloads every version of a model and keeps it unloaded until {@link #load}. */
	public synchronized void unload(String model) {
		if (this.repository.find(model).isEmpty() && this.registry.versions(model).isEmpty()) {
			throw new ModelNotFound(model);
		}
		this.unloadedOnRequest.add(model);
		unloadAll(model);
	}

	/** Whether the first pass is done and every configured model has a warm version. */
	public boolean everyModelWarm() {
		return this.everyModelWarm;
	}

	/** Every model in the repository, with each version's state. */
	public List<VersionState> index() {
		List<VersionState> index = new ArrayList<>();
		for (RepositoryEntry entry : this.repository.scan()) {
			if (!entry.valid()) {
				index.add(new VersionState(entry.name(), null, "UNAVAILABLE", entry.problem()));
				continue;
			}
			for (long version : entry.versions()) {
				VersionState state = this.states.get(key(entry.name(), version));
				index.add((state != null) ? state
						: new VersionState(entry.name(), version, "UNAVAILABLE",
								this.unloadedOnRequest.contains(entry.name()) ? "unloaded"
										: "not selected by the version policy"));
			}
		}
		return index;
	}

	/** Releases every version, each after it answered what it had queued. */
	public synchronized void unloadEverything() {
		this.registry.all().keySet().forEach(this::unloadAll);
	}

	private void sync(RepositoryEntry entry) {
		if (!entry.valid()) {
			logger.error("{}", entry.problem());
			return;
		}
		SortedSet<Long> wanted = entry.servedVersions();
		Set<Long> served = new TreeSet<>(this.registry.versions(entry.name()).map(Map::keySet).orElse(Set.of()));
		for (long version : wanted) {
			if (!served.contains(version) && !failedBefore(entry, version)) {
				loadVersion(entry, version);
			}
		}
		for (long version : served) {
			if (!wanted.contains(version)) {
				unloadVersion(entry.name(), version);
			}
		}
	}

	private void loadVersion(RepositoryEntry entry, long version) {
		String key = key(entry.name(), version);
		this.states.put(key, new VersionState(entry.name(), version, "LOADING", null));
		this.registry.expect(entry.name(), version);
		long started = System.nanoTime();
		try {
			LoadedModel model = this.engines.load(entry.config(), entry.versionDirectory(version));
			ModelPool pool = new ModelPool(version, model, this.metrics);
			pool.start();
			this.registry.publish(pool);
			this.states.put(key, new VersionState(entry.name(), version, "READY", null));
			logger.info("{} version {} loaded and warm in {} ms ({} on {})", entry.name(), version,
					(System.nanoTime() - started) / 1_000_000, entry.config().engine().djlName(),
					entry.config().device());
		}
		catch (ModelLoadFailed ex) {
			this.failed.put(key, modified(entry, version));
			this.states.put(key, new VersionState(entry.name(), version, "UNAVAILABLE", ex.getMessage()));
			logger.error("{}", ex.getMessage(), ex.getCause());
		}
		finally {
			this.registry.abandon(entry.name(), version);
		}
	}

	private void unloadAll(String model) {
		this.registry.versions(model)
			.map((versions) -> List.copyOf(versions.keySet()))
			.orElse(List.of())
			.forEach((version) -> unloadVersion(model, version));
	}

	private void unloadVersion(String model, long version) {
		String key = key(model, version);
		this.registry.withdraw(model, version).ifPresent((pool) -> {
			this.states.put(key, new VersionState(model, version, "UNLOADING", null));
			pool.close(this.properties.drainTimeout());
			logger.info("{} version {} drained and unloaded", model, version);
		});
		this.states.remove(key);
	}

	private boolean failedBefore(RepositoryEntry entry, long version) {
		Long modified = this.failed.get(key(entry.name(), version));
		return modified != null && modified == modified(entry, version);
	}

	private static long modified(RepositoryEntry entry, long version) {
		Path file = entry.versionDirectory(version).resolve(entry.config().engine().fileName());
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static String key(String model, long version) {
		return model + "/" + version;
	}

}
