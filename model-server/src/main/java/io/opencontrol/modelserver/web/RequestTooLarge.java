package io.opencontrol.modelserver.web;

/**
 * A request body beyond the configured maximum; answered 413 before more of it is read.
 */
class RequestTooLarge extends RuntimeException {

	RequestTooLarge(long max) {
		super("the request body is larger than the " + max + " bytes accepted");
	}

}
