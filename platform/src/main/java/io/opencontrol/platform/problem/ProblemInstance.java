package io.opencontrol.platform.problem;

import java.net.URI;

/**
 * A problem's {@code instance}: the path of the request it answers, as the client sent
 * it.
 */
final class ProblemInstance {

	private ProblemInstance() {
	}

	/**
	 * The request's path as a URI reference, or null when it is none. The path is taken
	 * as sent, already percent-encoded, so it is parsed rather than encoded again (which
	 * would turn {@code %2F} into {@code %252F}); a path the container rejected may not
	 * parse at all, and the problem is still useful without it.
	 */
	static URI of(Object rawPath) {
		if (!(rawPath instanceof String path) || !path.startsWith("/")) {
			return null;
		}
		try {
			return URI.create(path);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
