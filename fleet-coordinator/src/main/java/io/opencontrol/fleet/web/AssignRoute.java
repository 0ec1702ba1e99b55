package io.opencontrol.fleet.web;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.regex.Pattern;

import io.opencontrol.fleet.assignment.AssignmentAnswer;
import io.opencontrol.fleet.assignment.Assignments;
import io.opencontrol.platform.security.CallerRights;
import io.opencontrol.platform.security.Permission;
import io.opencontrol.platform.security.TokenGate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * {@code POST /assign_task} with a JSON body, answered straight from the servlet
 * container like {@link HeartbeatRoute}: an assignment's own work is a few milliseconds
 * of PostgreSQL, and in a profile of its HTTP threads Spring Security's chain, MVC's
 * dispatch, method validation and their observation wrappers were a large share of the
 * rest. The token is checked by the resource server's rules ({@link TokenGate},
 * permission {@code control}), the body by the constraints of
 * {@link AssignmentController.NewTask}, and failures go to the application's exception
 * handlers. The answer is the controller's: 200 or 202, {@code Location} and
 * {@code Idempotent-Replayed}. Anything unusual (another content type, an
 * {@code Idempotency-Key} that is not 1 to 255 visible ASCII characters) goes on to the
 * controller, which refuses it as before.
 */
class AssignRoute extends HttpFilter {

	static final String PATH = "/assign_task";

	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile(AssignmentController.IDEMPOTENCY_KEY);

	private final TokenGate gate;

	private final JsonBody body;

	private final JsonMapper json;

	private final Assignments assignments;

	private final HandlerExceptionResolver failures;

	AssignRoute(JwtDecoder tokens, JsonMapper json, Validator validator, Assignments assignments,
			HandlerExceptionResolver failures) {
		this.gate = new TokenGate(tokens, EnumSet.of(Permission.CONTROL));
		this.body = new JsonBody(json, validator);
		this.json = json;
		this.assignments = assignments;
		this.failures = failures;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String idempotencyKey = request.getHeader("Idempotency-Key");
		if (!owns(request) || (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches())) {
			chain.doFilter(request, response);
			return;
		}
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent((context) -> context.setPathPattern(PATH));
		Optional<AbstractAuthenticationToken> caller = this.gate.admit(request, response);
		if (caller.isEmpty()) {
			return;
		}
		try {
			AssignmentController.NewTask task = this.body.read(request, AssignmentController.NewTask.class);
			Assignments.Answered answered = this.assignments.assign(CallerRights.of(caller.get()), idempotencyKey,
					task.toTaskRequest());
			AssignmentAnswer answer = answered.answer();
			response.setStatus(answer.queued() ? HttpServletResponse.SC_ACCEPTED : HttpServletResponse.SC_OK);
			response.setHeader(HttpHeaders.LOCATION, "/api/tasks/" + answer.taskId());
			response.setHeader("Idempotent-Replayed", Boolean.toString(answered.replayed()));
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), answer);
		}
		catch (RuntimeException ex) {
			if (this.failures.resolveException(request, response, null, ex) == null) {
				throw ex;
			}
		}
	}

	private static boolean owns(HttpServletRequest request) {
		return "POST".equals(request.getMethod()) && JsonBody.isJson(request.getContentType())
				&& PATH.equals(request.getRequestURI().substring(request.getContextPath().length()));
	}

}
