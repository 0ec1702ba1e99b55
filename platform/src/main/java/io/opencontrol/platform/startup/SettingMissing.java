package io.opencontrol.platform.startup;

/** A setting the service cannot run without is not set. */
public class SettingMissing extends StartupRefused {

	public SettingMissing(String property, String what) {
		super(property + " (" + EnvironmentVariable.of(property) + ") is not set: " + what + " is needed",
				"Set " + EnvironmentVariable.of(property) + ".");
	}

}
