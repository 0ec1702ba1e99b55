package io.opencontrol.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh journal and model directory for an edge gateway started by a test. */
public final class EdgeDirectories {

	private EdgeDirectories() {
	}

	public static void register(DynamicPropertyRegistry registry, String name) throws IOException {
		Path work = Files.createTempDirectory(name);
		registry.add("opencontrol.edge.journal.directory", () -> work.resolve("journal").toString());
		registry.add("opencontrol.edge.inference.local-models", () -> work.resolve("models").toString());
	}

}
