package io.opencontrol.platform.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The container's own error report as a problem detail. Tomcat answers some requests
 * before any application code sees them: a path with an encoded slash or NUL, an
 * unnormalizable path, a request line it cannot map. Those answers are rendered by the
 * host's error report valve, which writes an HTML page; this one writes the same
 * {@link ErrorProblem} as {@link ProblemErrorController}, never the container's message.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// As the valve it replaces: only an error nobody has answered yet, and only while
		// the connection can still carry an answer.
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean writable = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
		if (!writable.get()) {
			return;
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(JSON.writeValueAsString(problem(status, request.getRequestURI())));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away or the response was taken over meanwhile; the status
			// line is all it gets, as with Tomcat's own page.
		}
	}

	/** The problem as Spring's converters write it: only the members that are set. */
	private static Map<String, Object> problem(int status, String path) {
		ProblemDetail problem = ErrorProblem.of(status, path);
		Map<String, Object> members = new LinkedHashMap<>();
		if (problem.getTitle() != null) {
			members.put("title", problem.getTitle());
		}
		members.put("status", problem.getStatus());
		if (problem.getDetail() != null) {
			members.put("detail", problem.getDetail());
		}
		if (problem.getInstance() != null) {
			members.put("instance", problem.getInstance().toString());
		}
		return members;
	}

}
