package io.opencontrol.platform.problem;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The problem detail for an error that reached no handler of the service's own: the
 * servlet error page's and the container's. It names the status and the request's path,
 * never an exception's message, which can carry internals.
 */
final class ErrorProblem {

	private ErrorProblem() {
	}

	static ProblemDetail of(int status, Object rawPath) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		if (HttpStatusCode.valueOf(status).is5xxServerError()) {
			problem.setDetail("The server could not complete the request.");
		}
		problem.setInstance(instance(rawPath));
		return problem;
	}

	/**
	 * The request's path as a URI reference, or null when it is none. The path is taken
	 * as sent, already percent-encoded, so it is parsed rather than encoded again (which
	 * would turn {@code %2F} into {@code %252F}); a path the container rejected may not
	 * parse at all, and the problem is still useful without it.
	 */
	private static URI instance(Object rawPath) {
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
