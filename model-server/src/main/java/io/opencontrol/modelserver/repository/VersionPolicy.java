package io.opencontrol.modelserver.repository;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which of the numbered version directories are served: the latest {@code n}, or an
 * explicit list (versions in the list but not on disk are simply absent).
 */
public sealed interface VersionPolicy {

	SortedSet<Long> select(SortedSet<Long> available);

	record Latest(int count) implements VersionPolicy {

		@Override
		public SortedSet<Long> select(SortedSet<Long> available) {
			List<Long> ascending = List.copyOf(available);
			return new TreeSet<>(ascending.subList(Math.max(0, ascending.size() - this.count), ascending.size()));
		}

	}

	record Specific(Set<Long> versions) implements VersionPolicy {

		public Specific {
			versions = Set.copyOf(versions);
		}

		@Override
		public SortedSet<Long> select(SortedSet<Long> available) {
			TreeSet<Long> chosen = new TreeSet<>(available);
			chosen.retainAll(this.versions);
			return chosen;
		}

	}

}
