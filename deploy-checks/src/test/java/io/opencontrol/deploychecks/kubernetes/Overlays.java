package io.opencontrol.deploychecks.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * Every way k8s/ is meant to be applied, rendered once per test run: the overlays, and
 * the optional components composed onto them as k8s/README.md tells users to. Renders a
 * copy of k8s/ so the dev overlay's secrets can be generated without touching the
 * checkout.
 */
final class Overlays {

	static final List<String> OVERLAYS = List.of("dev", "production", "aws", "gcp", "azure");

	/**
	 * The optional components, each on top of an overlay, as a user's own overlay adds
	 * them.
	 */
	static final Map<String, String> COMPOSITIONS = Map.of("production-keda", "production:keda", "aws-canary",
			"aws:canary");

	static final Path K8S = Path.of("..", "k8s").toAbsolutePath().normalize();

	static final Path BROKEN = Path.of("src", "test", "resources", "broken").toAbsolutePath();

	private static final Map<String, Rendering> RENDERED = new ConcurrentHashMap<>();

	private static Path copy;

	private Overlays() {
	}

	static Stream<String> all() {
		return Stream.concat(OVERLAYS.stream(), COMPOSITIONS.keySet().stream().sorted());
	}

	static Rendering render(String name) {
		return RENDERED.computeIfAbsent(name, (key) -> Kustomize.build(copy().resolve("overlays").resolve(key)));
	}

	/**
	 * One of the broken manifests of src/test/resources/broken, each an overlay on a real
	 * one with a single defect, rendered from next to the overlays it builds on.
	 */
	static Rendering renderBroken(String name) {
		Path target = copy().resolve("overlays").resolve("broken-" + name);
		try {
			if (!Files.exists(target)) {
				FileSystemUtils.copyRecursively(BROKEN.resolve(name), target);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Kustomize.build(target);
	}

	/**
	 * A kustomization next to the overlays of the copy, so it can build on them by
	 * relative path.
	 */
	static Path kustomization(String name, String content) {
		try {
			Path directory = Files.createDirectories(copy().resolve("overlays").resolve(name));
			Files.writeString(directory.resolve("kustomization.yaml"), content);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static synchronized Path copy() {
		if (copy == null) {
			try {
				Path root = Files.createTempDirectory("k8s");
				FileSystemUtils.copyRecursively(K8S, root);
				FileSystemUtils.deleteRecursively(root.resolve("overlays/dev/secrets"));
				generateDevSecrets(root);
				copy = root;
				COMPOSITIONS.forEach((name, recipe) -> {
					String[] parts = recipe.split(":");
					kustomization(name, """
							apiVersion: kustomize.config.k8s.io/v1beta1
							kind: Kustomization
							resources: [../%s]
							components: [../../components/%s]
							""".formatted(parts[0], parts[1]));
				});
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return copy;
	}

	private static void generateDevSecrets(Path root) throws IOException {
		Process process = new ProcessBuilder("bash", root.resolve("overlays/dev/generate-secrets.sh").toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("generate-secrets.sh failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
