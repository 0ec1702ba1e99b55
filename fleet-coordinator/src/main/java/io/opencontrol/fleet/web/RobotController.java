package io.opencontrol.fleet.web;

import java.util.List;
import java.util.Map;

import io.opencontrol.fleet.robots.Robot;
import io.opencontrol.fleet.robots.RobotReports;
import io.opencontrol.fleet.robots.Robots;
import io.opencontrol.platform.security.CallerRights;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Robot registration (write), the robots of the caller's fleets (read), and what each
 * robot reports about itself (robot, own robot only).
 */
@RestController
@Validated
@RequestMapping("/api/robots")
class RobotController {

	private final Robots robots;

	private final RobotReports reports;

	RobotController(Robots robots, RobotReports reports) {
		this.robots = robots;
		this.reports = reports;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('PERMISSION_WRITE')")
	Robot register(@Valid @RequestBody NewRobot request, Authentication caller) {
		return this.robots.register(CallerRights.of(caller),
				new Robot(request.id(), request.fleet(), request.capabilities(), request.x(), request.y(),
						request.speedMps(), request.batteryPct(), request.capacity(), "idle", null));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('PERMISSION_WRITE')")
	Robot update(@PathVariable @Pattern(regexp = Identifiers.SLUG) String id,
			@Valid @RequestBody RobotRegistration request, Authentication caller) {
		return this.robots.updateRegistration(CallerRights.of(caller), id, request.capabilities(), request.speedMps(),
				request.capacity());
	}

	@GetMapping
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	List<Robot> list(@RequestParam(required = false) @Pattern(regexp = Identifiers.SLUG) String fleet,
			Authentication caller) {
		return this.robots.list(CallerRights.of(caller), fleet);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	Robot get(@PathVariable @Pattern(regexp = Identifiers.SLUG) String id, Authentication caller) {
		return this.robots.get(CallerRights.of(caller), id);
	}

	@PutMapping("/{id}/state")
	@PreAuthorize("hasAuthority('PERMISSION_ROBOT')")
	Robot reportState(@PathVariable @Pattern(regexp = Identifiers.SLUG) String id, @Valid @RequestBody RobotState state,
			Authentication caller) {
		return this.reports.reportState(CallerRights.of(caller), id, state.x(), state.y(), state.batteryPct(),
				state.status());
	}

	/**
	 * JSON heartbeats for slug ids are answered by {@link HeartbeatRoute} before they get
	 * here; this mapping refuses the rest (another content type, an id that is not a
	 * slug) the way every other route does.
	 */
	@PostMapping("/{id}/heartbeats")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize("hasAuthority('PERMISSION_ROBOT')")
	void heartbeat(@PathVariable @Pattern(regexp = Identifiers.SLUG) String id, @Valid @RequestBody Heartbeat heartbeat,
			Authentication caller) {
		this.reports.heartbeat(CallerRights.of(caller), id, new RobotReports.Heartbeat(heartbeat.sensors(),
				heartbeat.mode(), heartbeat.circuit(), heartbeat.backlog()));
	}

	/** The robot's latest heartbeat: what its edge gateway last said about itself. */
	@GetMapping("/{id}/heartbeat")
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	RobotReports.LastHeartbeat lastHeartbeat(@PathVariable @Pattern(regexp = Identifiers.SLUG) String id,
			Authentication caller) {
		return this.reports.lastHeartbeat(CallerRights.of(caller), id);
	}

	/**
	 * A robot's own report of where it is and what it does (offline is for the
	 * coordinator to say).
	 */
	record RobotState(@NotNull @PositiveOrZero Double x, @NotNull @PositiveOrZero Double y,
			@NotNull @PositiveOrZero @DecimalMax("100") Double batteryPct,
			@NotBlank @Pattern(regexp = "^(idle|busy|charging)$") String status) {
	}

	/** Sign of life from a robot's edge gateway, with the health of its sensors. */
	record Heartbeat(
			@NotNull @Size(max = 20) Map<@Pattern(regexp = "^[a-z][a-z0-9_]{0,49}$") String, @NotNull @Pattern(
					regexp = "^(ok|degraded|failed)$") String> sensors,
			@Size(max = 50) String mode, @Pattern(regexp = "^[a-z_]{1,20}$") String circuit,
			@PositiveOrZero Long backlog) {
	}

	record NewRobot(@NotBlank @Pattern(regexp = Identifiers.SLUG) String id,
			@NotBlank @Pattern(regexp = Identifiers.SLUG) String fleet,
			@NotNull @Size(max = 50) List<@NotNull @Pattern(regexp = Identifiers.SLUG) String> capabilities,
			@NotNull @PositiveOrZero Double x, @NotNull @PositiveOrZero Double y,
			@NotNull @Positive @DecimalMax("20") Double speedMps,
			@NotNull @PositiveOrZero @DecimalMax("100") Double batteryPct,
			@NotNull @Min(1) @Max(100) Integer capacity) {
	}

	record RobotRegistration(
			@NotNull @Size(max = 50) List<@NotNull @Pattern(regexp = Identifiers.SLUG) String> capabilities,
			@NotNull @Positive @DecimalMax("20") Double speedMps, @NotNull @Min(1) @Max(100) Integer capacity) {
	}

}
