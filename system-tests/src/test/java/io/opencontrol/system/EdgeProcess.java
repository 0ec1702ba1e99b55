package io.opencontrol.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

/**
 * An edge gateway that tests start over and over: its jar is extracted once and a class
 * data sharing archive recorded, which brings a start from about 4.5 s to under 2 s on
 * these machines.
 */
final class EdgeProcess {

	private final Path jar;

	private final Path archive;

	private final Path log;

	private final int port;

	private final List<String> arguments;

	private EdgeProcess(Path jar, Path archive, Path log, int port, List<String> arguments) {
		this.jar = jar;
		this.archive = archive;
		this.log = log;
		this.port = port;
		this.arguments = arguments;
	}

	static EdgeProcess prepare(Path work, List<String> arguments) throws IOException, InterruptedException {
		Path packaged = ServiceProcess.jar("edge-gateway");
		Path extracted = work.resolve("edge-app");
		FileSystemUtils.deleteRecursively(extracted);
		String java = ProcessHandle.current().info().command().orElse("java");
		run(List.of(java, "-Djarmode=tools", "-jar", packaged.toString(), "extract", "--destination",
				extracted.toString()), work.resolve("edge-extract.log"));
		Path jar = extracted.resolve("edge-gateway.jar");
		Path archive = extracted.resolve("edge-gateway.jsa");
		// The training run starts the context and exits: the archive holds what a start
		// loads.
		run(List.of(java, "-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar",
				jar.toString(), "--opencontrol.edge.journal.directory=" + work.resolve("edge-training-journal"),
				"--opencontrol.edge.inference.local-models=" + work.resolve("edge-training-models")),
				work.resolve("edge-training.log"));
		return new EdgeProcess(jar, archive, work.resolve("logs").resolve("edge-gateway.log"),
				ServiceProcess.freePort(), arguments);
	}

	ServiceProcess start(String... more) throws IOException {
		List<String> all = new ArrayList<>(this.arguments);
		all.addAll(List.of(more));
		return ServiceProcess.start("edge-gateway", this.port, this.jar, this.log,
				List.of("-XX:SharedArchiveFile=" + this.archive, "-Xshare:auto"), all,
				Map.of("OPENCONTROL_AUTH_DEMO_CLIENT_SECRET", LocalStack.DEMO_SECRET));
	}

	private static void run(List<String> command, Path log) throws IOException, InterruptedException {
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
		}
	}

}
