package io.opencontrol.edge.cloud;

import java.time.Instant;

/** An access token, and from when it should be replaced and until when it may be used. */
record AccessToken(String value, Instant refreshAt, Instant expiresAt) {

	boolean usableAt(Instant now) {
		return now.isBefore(this.expiresAt);
	}

	boolean freshAt(Instant now) {
		return now.isBefore(this.refreshAt);
	}

}
