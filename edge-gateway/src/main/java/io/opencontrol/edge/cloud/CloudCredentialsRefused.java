package io.opencontrol.edge.cloud;

import java.io.IOException;

/**
 * The cloud refused this robot's client credentials: a configuration to fix, not an
 * outage to wait out.
 */
public class CloudCredentialsRefused extends IOException {

	public CloudCredentialsRefused(String message) {
		super(message);
	}

}
