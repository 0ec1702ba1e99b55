package io.opencontrol.modelserver.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.opencontrol.modelserver.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The demo model's own {@code config.yaml}, read as committed and with one thing broken
 * at a time: every refusal names the file, the field and the value.
 */
class ModelConfigReaderTests {

	private static final String DEMO_CONFIG = demoConfig();

	@TempDir
	Path repository;

	@Test
	void theDemoConfigReadsAsCommitted() throws IOException {
		ModelConfig config = read(DEMO_CONFIG);

		assertThat(config.engine()).isEqualTo(EngineKind.PYTORCH);
		assertThat(config.maxBatchSize()).isEqualTo(32);
		assertThat(config.instances()).isEqualTo(1);
		assertThat(config.inputs()).extracting((spec) -> spec.name()).containsExactly("joints", "image");
		assertThat(config.batching().maxQueueDelay()).isEqualTo(Duration.ofNanos(500_000));
		assertThat(config.batching().preferredBatchSizes()).containsExactly(8, 16);
	}

	@Test
	void preferredBatchSizesAreKeptAscendingAndDistinct() throws IOException {
		ModelConfig config = read(
				DEMO_CONFIG.replace("preferred_batch_sizes: [8, 16]", "preferred_batch_sizes: [16, 4, 16, 8]"));

		assertThat(config.batching().preferredBatchSizes()).containsExactly(4, 8, 16);
		assertThat(new BatchingConfig(Duration.ZERO, List.of(32, 2, 2), 1, Duration.ofSeconds(1)).preferredBatchSizes())
			.containsExactly(2, 32);
	}

	static Stream<Arguments> brokenConfigs() {
		return Stream.of(Arguments.of("engine: PyTorch", "engine: TensorFlow", "engine = 'TensorFlow'"),
				Arguments.of("max_batch_size: 32", "max_batch_size: 0", "max_batch_size = '0'"),
				Arguments.of("max_batch_size: 32", "max_batch_size: lots", "max_batch_size = 'lots'"),
				Arguments.of("max_queue_delay: 500us", "max_queue_delay: soon", "batching.max_queue_delay = 'soon'"),
				Arguments.of("preferred_batch_sizes: [8, 16]", "preferred_batch_sizes: [8, 64]",
						"batching.preferred_batch_sizes"),
				Arguments.of("instances: 1", "instances: -1", "instances = '-1'"),
				Arguments.of("device: cpu", "device: tpu", "device = 'tpu'"),
				Arguments.of("instances: 1", "instances: 1\ncolour: red", "colour = 'red'"),
				Arguments.of("datatype: FP32, shape: [-1, 7]}", "datatype: FP16, shape: [-1, 7]}", "'FP16'"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("brokenConfigs")
	void aBrokenFieldIsRefusedNamingTheFileFieldAndValue(String committed, String broken, String named)
			throws IOException {
		assertThat(DEMO_CONFIG).contains(committed);

		assertThatExceptionOfType(InvalidModelConfig.class)
			.isThrownBy(() -> read(DEMO_CONFIG.replace(committed, broken)))
			.withMessageContaining(this.repository.resolve("world_model").resolve("config.yaml").toString())
			.withMessageContaining(named);
	}

	private ModelConfig read(String yaml) throws IOException {
		Path model = Files.createDirectories(this.repository.resolve("world_model"));
		Files.writeString(model.resolve("config.yaml"), yaml);
		return ModelConfigReader.read(model);
	}

	private static String demoConfig() {
		try {
			return Files.readString(ReferenceData.MODELS.resolve("world_model").resolve("config.yaml"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
