package io.opencontrol.edge.inference;

/** The cloud answered, but not with an answer: a 5xx, or a full queue (429). */
public class CloudFailed extends RuntimeException {

	public CloudFailed(String message) {
		super(message);
	}

}
