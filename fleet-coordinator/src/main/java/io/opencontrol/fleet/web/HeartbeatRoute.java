package io.opencontrol.fleet.web;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.regex.Pattern;

import io.opencontrol.fleet.robots.RobotReports;
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

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * {@code POST /api/robots/{id}/heartbeats} with a JSON body, answered straight from the
 * servlet container. Every robot beats every few seconds, so this is the coordinator's
 * busiest route, and Spring Security's chain and MVC's dispatch cost more CPU than
 * storing the heartbeat. The token is checked by the resource server's own rules
 * ({@link TokenGate}, permission {@code robot}), the body is read by the application's
 * JSON mapper and checked by the same constraints as {@link RobotController.Heartbeat},
 * and failures go to the application's exception handlers, so refusals have the same
 * status and shape as on every other route. Anything unusual (another content type, a
 * robot id that is not a slug) goes on through the chain.
 */
class HeartbeatRoute extends HttpFilter {

	private static final String ROBOTS = "/api/robots/";

	private static final String HEARTBEATS = "/heartbeats";

	private static final Pattern ROBOT_ID = Pattern.compile(Identifiers.SLUG);

	private final TokenGate gate;

	private final JsonBody body;

	private final RobotReports reports;

	private final HandlerExceptionResolver failures;

	HeartbeatRoute(JwtDecoder tokens, JsonMapper json, Validator validator, RobotReports reports,
			HandlerExceptionResolver failures) {
		this.gate = new TokenGate(tokens, EnumSet.of(Permission.ROBOT));
		this.body = new JsonBody(json, validator);
		this.reports = reports;
		this.failures = failures;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String robot = robotOf(request);
		if (robot == null) {
			chain.doFilter(request, response);
			return;
		}
		// Names the route in http.server.requests, which MVC would otherwise do: the
		// server's observation wraps this filter but never learns which handler answered.
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent((context) -> context.setPathPattern("/api/robots/{id}/heartbeats"));
		Optional<AbstractAuthenticationToken> caller = this.gate.admit(request, response);
		if (caller.isEmpty()) {
			return;
		}
		try {
			RobotController.Heartbeat heartbeat = this.body.read(request, RobotController.Heartbeat.class);
			this.reports.heartbeat(CallerRights.of(caller.get()), robot, new RobotReports.Heartbeat(heartbeat.sensors(),
					heartbeat.mode(), heartbeat.circuit(), heartbeat.backlog()));
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
		}
		catch (RuntimeException ex) {
			if (this.failures.resolveException(request, response, null, ex) == null) {
				throw ex;
			}
		}
	}

	/**
	 * The robot a JSON heartbeat is posted for, or null if this route does not own it.
	 */
	private static String robotOf(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod()) || !JsonBody.isJson(request.getContentType())) {
			return null;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith(ROBOTS) || !path.endsWith(HEARTBEATS)
				|| path.length() <= ROBOTS.length() + HEARTBEATS.length()) {
			return null;
		}
		String robot = path.substring(ROBOTS.length(), path.length() - HEARTBEATS.length());
		return ROBOT_ID.matcher(robot).matches() ? robot : null;
	}

}
