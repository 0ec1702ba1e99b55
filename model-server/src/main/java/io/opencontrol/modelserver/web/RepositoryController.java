package io.opencontrol.modelserver.web;

import java.util.List;
import java.util.Map;

import io.opencontrol.modelserver.serving.RepositorySync;
import io.opencontrol.modelserver.serving.VersionState;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The model repository extension (as Triton defines it): the index of every model and
 * version with its state, and explicit load and unload. Needs {@code write}
 * ({@link ModelServerSecurity}).
 */
@RestController
class RepositoryController {

	private final RepositorySync sync;

	RepositoryController(RepositorySync sync) {
		this.sync = sync;
	}

	@PostMapping("/v2/repository/index")
	List<Map<String, Object>> index() {
		return this.sync.index().stream().map(RepositoryController::entry).toList();
	}

	@PostMapping("/v2/repository/models/{model}/load")
	Map<String, Object> load(@PathVariable String model) {
		this.sync.load(model);
		return Map.of();
	}

	@PostMapping("/v2/repository/models/{model}/unload")
	Map<String, Object> unload(@PathVariable String model) {
		this.sync.unload(model);
		return Map.of();
	}

	private static Map<String, Object> entry(VersionState state) {
		Map<String, Object> entry = new java.util.LinkedHashMap<>();
		entry.put("name", state.model());
		if (state.version() != null) {
			entry.put("version", state.version().toString());
		}
		entry.put("state", state.state());
		if (state.reason() != null) {
			entry.put("reason", state.reason());
		}
		return entry;
	}

}
