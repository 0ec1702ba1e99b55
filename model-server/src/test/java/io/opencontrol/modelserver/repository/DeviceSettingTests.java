package io.opencontrol.modelserver.repository;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code opencontrol.models.device}: how a deployment moves the repository's models to
 * GPU nodes without editing their configs (the k8s {@code gpu} component sets it).
 */
class DeviceSettingTests {

	private static final Path MODELS = Path.of("..", "models");

	@Test
	void withoutTheSettingEachModelKeepsItsConfigsDevice() {
		assertThat(worldModel(null).device()).isEqualTo("cpu");
		assertThat(worldModel(" ").device()).isEqualTo("cpu");
	}

	@Test
	void theSettingMovesEveryModelToItsDevice() {
		ModelConfig config = worldModel("gpu:1");

		assertThat(config.device()).isEqualTo("gpu:1");
		assertThat(config.engine()).isEqualTo(EngineKind.PYTORCH);
		assertThat(config.maxBatchSize()).isEqualTo(32);
	}

	@Test
	void anUnknownDeviceStopsTheServerNamingTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties("cuda"))
			.withMessage("opencontrol.models.device must be cpu, gpu or gpu:N, was cuda");
	}

	private static ModelConfig worldModel(String device) {
		return new ModelRepository(properties(device)).find("world_model").orElseThrow().config();
	}

	private static RepositoryProperties properties(String device) {
		return new RepositoryProperties(MODELS, Duration.ofSeconds(5), DataSize.ofMegabytes(64), Duration.ofSeconds(30),
				device);
	}

}
