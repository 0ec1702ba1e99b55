package io.opencontrol.health.polling;

/** The state of one component, and of the fleet as a whole. */
public enum ComponentStatus {

	/** Not polled yet. */
	UNKNOWN,

	UP,

	/** Only for the whole: some non-critical component is not up. */
	DEGRADED,

	DOWN

}
