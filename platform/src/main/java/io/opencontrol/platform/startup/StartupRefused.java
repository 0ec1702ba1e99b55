package io.opencontrol.platform.startup;

/**
 * A service refuses to start because of how it is configured or where it runs. Reported
 * as one log line that names the setting (and its environment variable) or the host, with
 * no stack trace: a container that restarts on it repeats one clear line.
 */
public abstract class StartupRefused extends RuntimeException {

	private final String action;

	protected StartupRefused(String description, String action) {
		super(description);
		this.action = action;
	}

	/** What an operator does about it. */
	public String action() {
		return this.action;
	}

}
