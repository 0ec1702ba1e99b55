package io.opencontrol.modelserver.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/**
 * The model repository on disk (ARCHITECTURE §3): {@code <root>/<model>/config.yaml} and
 * {@code <root>/<model>/<version>/model.pt|model.onnx}. Reading it never throws for one
 * bad model: each entry carries its config or the reason it has none.
 */
@Component
public class ModelRepository {

	private final Path root;

	private final String device;

	public ModelRepository(RepositoryProperties properties) {
		this.root = properties.repository();
		this.device = properties.device();
	}

	public Path root() {
		return this.root;
	}

	/** Every model directory (one holding a {@code config.yaml}), sorted by name. */
	public List<RepositoryEntry> scan() {
		List<RepositoryEntry> entries = new ArrayList<>();
		try (Stream<Path> children = Files.list(this.root)) {
			for (Path directory : children.filter(Files::isDirectory).sorted().toList()) {
				if (Files.isRegularFile(directory.resolve(ModelConfigReader.FILE_NAME))) {
					entries.add(read(directory));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("model repository " + this.root + " cannot be listed", ex);
		}
		return entries;
	}

	/** The entry of one model, if its directory exists. */
	public Optional<RepositoryEntry> find(String name) {
		Path directory = this.root.resolve(name).normalize();
		if (!directory.getParent().equals(this.root.normalize())
				|| !Files.isRegularFile(directory.resolve(ModelConfigReader.FILE_NAME))) {
			return Optional.empty();
		}
		return Optional.of(read(directory));
	}

	private RepositoryEntry read(Path directory) {
		String name = directory.getFileName().toString();
		try {
			ModelConfig config = ModelConfigReader.read(directory);
			if (this.device != null) {
				config = config.onDevice(this.device);
			}
			return new RepositoryEntry(name, directory, config, versions(directory, config), null);
		}
		catch (InvalidModelConfig ex) {
			return new RepositoryEntry(name, directory, null, new TreeSet<>(), ex.getMessage());
		}
	}

	/** Numbered directories holding the engine's model file. */
	private static SortedSet<Long> versions(Path directory, ModelConfig config) {
		SortedSet<Long> versions = new TreeSet<>(Comparator.naturalOrder());
		try (Stream<Path> children = Files.list(directory)) {
			children.filter((child) -> child.getFileName().toString().matches("[1-9][0-9]{0,17}"))
				.filter((child) -> Files.isRegularFile(child.resolve(config.engine().fileName())))
				.forEach((child) -> versions.add(Long.parseLong(child.getFileName().toString())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("model directory " + directory + " cannot be listed", ex);
		}
		return versions;
	}

}
