package io.opencontrol.modelserver.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

import io.opencontrol.modelserver.repository.ModelRepository;
import io.opencontrol.modelserver.serving.ModelNotFound;
import io.opencontrol.modelserver.serving.ModelRegistry;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The files of a served model version, for edge gateways that run the same model on the
 * robot. Each answer carries the file's SHA-256 ({@code Repr-Digest}, RFC 9530), which
 * the robot checks before it trusts the file.
 */
@RestController
class ArtifactController {

	private static final Set<String> ARTIFACTS = Set.of("model.pt", "model.onnx");

	private final ModelRegistry registry;

	private final ModelRepository repository;

	ArtifactController(ModelRegistry registry, ModelRepository repository) {
		this.registry = registry;
		this.repository = repository;
	}

	@GetMapping("/v2/repository/models/{model}/versions/{version}/files/{file}")
	ResponseEntity<Resource> file(@PathVariable String model, @PathVariable String version, @PathVariable String file)
			throws IOException {
		this.registry.resolve(model, version);
		Path path = this.repository.find(model)
			.map((entry) -> entry.versionDirectory(Long.parseLong(version)).resolve(file))
			.filter((candidate) -> ARTIFACTS.contains(file) && Files.isRegularFile(candidate))
			.orElseThrow(() -> new ModelNotFound(model + " file " + file, version));
		String sha256 = sha256(path);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header("Repr-Digest", "sha-256=:" + sha256 + ":")
			.eTag(sha256)
			.body(new FileSystemResource(path));
	}

	private static String sha256(Path path) throws IOException {
		try (DigestInputStream in = new DigestInputStream(Files.newInputStream(path),
				MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(OutputStream.nullOutputStream());
			return Base64.getEncoder().encodeToString(in.getMessageDigest().digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
