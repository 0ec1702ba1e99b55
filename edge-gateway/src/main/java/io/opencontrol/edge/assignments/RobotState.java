package io.opencontrol.edge.assignments;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The robot's own report of where it is and what it does; the coordinator checks it
 * against the fleet's map.
 */
public record RobotState(@NotNull @PositiveOrZero Double x, @NotNull @PositiveOrZero Double y,
		@NotNull @PositiveOrZero @DecimalMax("100") Double batteryPct,
		@NotNull @Pattern(regexp = "^(idle|busy|charging)$") String status) {

}
