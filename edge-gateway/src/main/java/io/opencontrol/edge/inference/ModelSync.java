package io.opencontrol.edge.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

import io.opencontrol.edge.cloud.Cloud;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Keeps the robot's copy of the model current: the last good version is loaded from disk
 * at start (the cloud may be out of reach), and the cloud is asked now and then for a
 * newer one, which is downloaded, checked against its SHA-256, loaded, and only then made
 * current. A version that fails any step leaves the last good one in place.
 */
class ModelSync {

	private static final Logger logger = LoggerFactory.getLogger(ModelSync.class);

	private final Cloud cloud;

	private final LocalRunner runner;

	private final InferenceProperties properties;

	private final JsonMapper json;

	private final Path directory;

	/** Set by the sync thread once the disk has been looked at. */
	private boolean diskChecked;

	ModelSync(Cloud cloud, LocalRunner runner, InferenceProperties properties, JsonMapper json) {
		this.cloud = cloud;
		this.runner = runner;
		this.properties = properties;
		this.json = json;
		this.directory = properties.localModels().resolve(properties.model());
	}

	/**
	 * One round: the first loads the last good version from disk (on the sync thread, so
	 * loading an engine never delays the start of telemetry), then the cloud is asked.
	 */
	void run() {
		if (!this.diskChecked) {
			this.diskChecked = true;
			loadLastGood();
		}
		sync();
	}

	/** Loads the last good version on disk, if there is one. */
	private void loadLastGood() {
		Path pointer = this.directory.resolve("current");
		if (!Files.isRegularFile(pointer)) {
			return;
		}
		try {
			String version = Files.readString(pointer, StandardCharsets.US_ASCII).trim();
			this.runner.use(LocalModel.load(this.directory.resolve(version), version,
					this.properties.localConcurrency(), this.json));
			logger.info("Loaded {} version {} from {}", this.properties.model(), version, this.directory);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("The last good version in {} does not load ({}); waiting for the cloud", this.directory,
					ex.getMessage());
		}
	}

	/**
	 * Asks the cloud for its newest version and switches to it if it is not the one here.
	 */
	private void sync() {
		try {
			String newest = newestInTheCloud();
			if (newest == null || newest.equals(this.runner.version())) {
				return;
			}
			Path downloaded = download(newest);
			LocalModel model = LocalModel.load(downloaded, newest, this.properties.localConcurrency(), this.json);
			this.runner.use(model);
			makeCurrent(newest);
			logger.info("Now running {} version {} on the robot", this.properties.model(), newest);
		}
		catch (IOException ex) {
			logger.warn("Model sync: {}; keeping version {}", ex.toString(), this.runner.version());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String newestInTheCloud() throws IOException, InterruptedException {
		JsonNode metadata = get("/v2/models/" + this.properties.model());
		return metadata.path("versions")
			.valueStream()
			.map(JsonNode::asString)
			.filter((version) -> version.matches("\\d{1,18}"))
			.max(Comparator.comparingLong(Long::parseLong))
			.orElse(null);
	}

	private Path download(String version) throws IOException, InterruptedException {
		Path target = this.directory.resolve(version);
		Path partial = this.directory.resolve(version + ".download");
		FileSystemUtils.deleteRecursively(partial);
		Files.createDirectories(partial);
		JsonNode metadata = get("/v2/models/" + this.properties.model() + "/versions/" + version);
		write(partial.resolve(LocalModel.METADATA), this.json.writeValueAsBytes(metadata));
		HttpResponse<InputStream> file = this.cloud
			.send(this.cloud
				.request("/v2/repository/models/" + this.properties.model() + "/versions/" + version + "/files/"
						+ LocalModel.FILE)
				.timeout(Duration.ofMinutes(5))
				.GET(), HttpResponse.BodyHandlers.ofInputStream());
		String expected = file.headers()
			.firstValue("Repr-Digest")
			.filter((digest) -> digest.startsWith("sha-256=:") && digest.endsWith(":"))
			.map((digest) -> digest.substring(9, digest.length() - 1))
			.orElse(null);
		Path model = partial.resolve(LocalModel.FILE);
		String actual;
		try (DigestInputStream in = new DigestInputStream(file.body(), sha256());
				OutputStream out = Files.newOutputStream(model)) {
			if (file.statusCode() != 200) {
				throw new IOException("the model file answered HTTP " + file.statusCode());
			}
			in.transferTo(out);
			actual = Base64.getEncoder().encodeToString(in.getMessageDigest().digest());
		}
		if (expected == null || !expected.equals(actual)) {
			FileSystemUtils.deleteRecursively(partial);
			throw new IOException("version " + version + " arrived with SHA-256 " + actual + " but the cloud says "
					+ expected + "; not used");
		}
		force(model);
		FileSystemUtils.deleteRecursively(target);
		Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
		force(this.directory);
		return target;
	}

	/** Points {@code current} at the version and removes every other one. */
	private void makeCurrent(String version) throws IOException {
		Path aside = this.directory.resolve("current.next");
		write(aside, version.getBytes(StandardCharsets.US_ASCII));
		Files.move(aside, this.directory.resolve("current"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		force(this.directory);
		try (Stream<Path> versions = Files.list(this.directory)) {
			for (Path old : versions.filter(Files::isDirectory).toList()) {
				if (!old.getFileName().toString().equals(version)) {
					FileSystemUtils.deleteRecursively(old);
				}
			}
		}
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.cloud.send(this.cloud.request(path).timeout(Duration.ofSeconds(10)).GET(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException(path + " answered HTTP " + response.statusCode());
		}
		return this.json.readTree(response.body());
	}

	private static void write(Path file, byte[] bytes) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			channel.write(ByteBuffer.wrap(bytes));
			channel.force(true);
		}
	}

	private static void force(Path path) throws IOException {
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
