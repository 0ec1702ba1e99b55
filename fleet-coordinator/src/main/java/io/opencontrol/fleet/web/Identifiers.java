package io.opencontrol.fleet.web;

/** The shapes of ids in the fleet API, as the database also enforces them. */
final class Identifiers {

	static final String SLUG = "^[a-z0-9][a-z0-9-]{0,62}$";

	static final String TASK_STATUS = "^(queued|assigned|in_progress|completed|failed|cancelled)$";

	private Identifiers() {
	}

}
