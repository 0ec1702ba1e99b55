package io.opencontrol.deploychecks.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders a kustomization with {@code kubectl kustomize}, the Kustomize kubectl ships
 * (v5.5 in kubectl 1.32), exactly as {@code kubectl apply -k} would before sending it.
 */
public final class Kustomize {

	private Kustomize() {
	}

	public static Rendering build(Path kustomization) {
		String output = run(kustomization);
		List<RenderedObject> objects = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(output)) {
			if (document instanceof Map<?, ?> map) {
				@SuppressWarnings("unchecked")
				Map<String, Object> body = (Map<String, Object>) map;
				objects.add(new RenderedObject(body));
			}
		}
		return new Rendering(kustomization.toString(), objects);
	}

	private static String run(Path kustomization) {
		try {
			Path errors = Files.createTempFile("kustomize", ".err");
			try {
				Process process = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
					.redirectError(errors.toFile())
					.start();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
					throw new KustomizeFailed(kustomization, Files.readString(errors).strip());
				}
				return output;
			}
			finally {
				Files.deleteIfExists(errors);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("kubectl kustomize could not run (is kubectl 1.32 on the PATH?)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** kubectl kustomize refused the kustomization. */
	public static final class KustomizeFailed extends RuntimeException {

		KustomizeFailed(Path kustomization, String errors) {
			super("kubectl kustomize " + kustomization + " failed: " + errors);
		}

	}

}
