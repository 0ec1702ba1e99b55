package io.opencontrol.fleet.web;

import java.util.List;

import io.opencontrol.fleet.fleets.Fleet;
import io.opencontrol.fleet.fleets.Fleets;
import io.opencontrol.platform.security.CallerRights;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fleets and their maps: registration and configuration need write, reading needs read.
 */
@RestController
@Validated
@RequestMapping("/api/fleets")
class FleetController {

	private final Fleets fleets;

	FleetController(Fleets fleets) {
		this.fleets = fleets;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('PERMISSION_WRITE')")
	Fleet create(@Valid @RequestBody NewFleet request, Authentication caller) {
		return this.fleets.create(CallerRights.of(caller), request.toFleet(request.id()));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('PERMISSION_WRITE')")
	Fleet replace(@PathVariable @Pattern(regexp = Identifiers.SLUG) String id, @Valid @RequestBody FleetMap request,
			Authentication caller) {
		return this.fleets.replace(CallerRights.of(caller), request.toFleet(id));
	}

	@GetMapping
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	List<Fleet> list(Authentication caller) {
		return this.fleets.list(CallerRights.of(caller));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	Fleet get(@PathVariable @Pattern(regexp = Identifiers.SLUG) String id, Authentication caller) {
		return this.fleets.get(CallerRights.of(caller), id);
	}

	record ChargerSpec(@NotBlank @Pattern(regexp = Identifiers.SLUG) String id, @NotNull @PositiveOrZero Double x,
			@NotNull @PositiveOrZero Double y) {
	}

	record NewFleet(@NotBlank @Pattern(regexp = Identifiers.SLUG) String id, @NotBlank @Size(max = 200) String name,
			@NotNull @Positive @DecimalMax("100000") Double mapWidthM,
			@NotNull @Positive @DecimalMax("100000") Double mapHeightM,
			@NotNull @Size(max = 1000) List<@Valid @NotNull ChargerSpec> chargers) {

		Fleet toFleet(String id) {
			return new FleetMap(this.name, this.mapWidthM, this.mapHeightM, this.chargers).toFleet(id);
		}

	}

	record FleetMap(@NotBlank @Size(max = 200) String name, @NotNull @Positive @DecimalMax("100000") Double mapWidthM,
			@NotNull @Positive @DecimalMax("100000") Double mapHeightM,
			@NotNull @Size(max = 1000) List<@Valid @NotNull ChargerSpec> chargers) {

		Fleet toFleet(String id) {
			return new Fleet(id, this.name, this.mapWidthM, this.mapHeightM,
					this.chargers.stream()
						.map((charger) -> new Fleet.Charger(charger.id(), charger.x(), charger.y()))
						.toList());
		}

	}

}
