package io.opencontrol.modelserver.repository;

import java.nio.file.Path;
import java.util.SortedSet;

/**
 * A model directory as found on disk: its validated config and version numbers, or why
 * the config cannot be served ({@code problem}).
 */
public record RepositoryEntry(String name, Path directory, ModelConfig config, SortedSet<Long> versions,
		String problem) {

	public boolean valid() {
		return this.config != null;
	}

	/** The versions the config's policy selects from those on disk. */
	public SortedSet<Long> servedVersions() {
		return this.config.versionPolicy().select(this.versions);
	}

	public Path versionDirectory(long version) {
		return this.directory.resolve(Long.toString(version));
	}

}
