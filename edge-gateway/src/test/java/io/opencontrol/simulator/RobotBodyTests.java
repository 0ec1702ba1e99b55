package io.opencontrol.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RobotBodyTests {

	final SimulatorProperties.Battery battery = new SimulatorProperties.Battery(0.1, 0.5, 2.0, 30, 95);

	@Test
	void drivesAtItsSpeedAndUsesChargePerMetre() {
		RobotBody body = new RobotBody(0, 0, 50, 2.0, this.battery);
		assertThat(body.driveToward(30, 40, 10)).isFalse();
		assertThat(body.distanceTo(30, 40)).isCloseTo(30, within(1e-9));
		assertThat(body.chargePct()).isCloseTo(48, within(1e-9));
		assertThat(body.driveToward(30, 40, 100)).isTrue();
		assertThat(body.x()).isCloseTo(30, within(1e-9));
		assertThat(body.y()).isCloseTo(40, within(1e-9));
		assertThat(body.chargePct()).as("only the 30 m left were driven").isCloseTo(45, within(1e-9));
	}

	@Test
	void workUsesChargeAndChargingStopsWhenFullEnough() {
		RobotBody body = new RobotBody(0, 0, 31, 1.0, this.battery);
		assertThat(body.low()).isFalse();
		body.work(4);
		assertThat(body.low()).isTrue();
		assertThat(body.charge(10)).isFalse();
		assertThat(body.charge(100)).isTrue();
		assertThat(body.chargePct()).isEqualTo(100);
		body.work(1000);
		assertThat(body.chargePct()).isZero();
	}

}
