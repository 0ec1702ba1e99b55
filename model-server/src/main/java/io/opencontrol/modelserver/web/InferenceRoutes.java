package io.opencontrol.modelserver.web;

import java.io.IOException;
import java.util.EnumSet;

import io.opencontrol.platform.security.Permission;
import io.opencontrol.platform.security.TokenGate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The inference routes, answered straight from the servlet container: OIP {@code POST
 * /v2/models/{model}[/versions/{version}]/infer} and the original {@code POST /predict}.
 * Everything else goes on through Spring Security's filter chain and Spring MVC.
 * <p>
 * Why: measured on a two-core machine (bench/model-server.sh's load), the chain and MVC's
 * dispatch took about 340 of the 720 µs of CPU the server spent per binary inference
 * request, more than twice what the model spends per sample. The token is checked here by
 * the resource server's own rules ({@link TokenGate}: permission {@code control}, or a
 * robot speaking for itself), refusals are the same problem details, and failures are
 * rendered once in each route's shape by {@link Failure}. A path with anything but
 * unreserved characters in its segments is left to the chain, whose firewall judges it.
 */
class InferenceRoutes extends HttpFilter {

	private static final String PREDICT = "/predict";

	private static final String MODELS = "/v2/models/";

	private final TokenGate gate;

	private final OipInference oip;

	private final Prediction prediction;

	InferenceRoutes(JwtDecoder tokens, OipInference oip, Prediction prediction) {
		this.gate = new TokenGate(tokens, EnumSet.of(Permission.CONTROL, Permission.ROBOT));
		this.oip = oip;
		this.prediction = prediction;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!"POST".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (PREDICT.equals(path)) {
			measuredAs(request, PREDICT);
			if (this.gate.admit(request, response).isPresent()) {
				predict(request, response);
			}
			return;
		}
		ModelRoute route = ModelRoute.of(path);
		if (route == null) {
			chain.doFilter(request, response);
			return;
		}
		measuredAs(request,
				(route.version() != null) ? "/v2/models/{model}/versions/{version}/infer" : "/v2/models/{model}/infer");
		if (this.gate.admit(request, response).isPresent()) {
			infer(route, request, response);
		}
	}

	/**
	 * Names the route in {@code http.server.requests}, which MVC would otherwise do: the
	 * server's observation wraps this filter but never learns which handler answered.
	 */
	private static void measuredAs(HttpServletRequest request, String pattern) {
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent((context) -> context.setPathPattern(pattern));
	}

	private void infer(ModelRoute route, HttpServletRequest request, HttpServletResponse response) throws IOException {
		try {
			this.oip.answer(route.model(), route.version(), request, response);
		}
		catch (RuntimeException ex) {
			Failure.of(ex).writeOip(response);
		}
	}

	private void predict(HttpServletRequest request, HttpServletResponse response) throws IOException {
		try {
			this.prediction.answer(request, response);
		}
		catch (RuntimeException ex) {
			Failure.of(ex).writeProblem(response, PREDICT);
		}
	}

	/**
	 * {@code /v2/models/{model}/infer} or
	 * {@code /v2/models/{model}/versions/{version}/infer}, as sent (not decoded).
	 */
	record ModelRoute(String model, String version) {

		static ModelRoute of(String path) {
			if (!path.startsWith(MODELS) || !path.endsWith("/infer")) {
				return null;
			}
			String[] segments = path.substring(MODELS.length(), path.length() - "/infer".length()).split("/", -1);
			if (segments.length == 1 && plain(segments[0])) {
				return new ModelRoute(segments[0], null);
			}
			if (segments.length == 3 && plain(segments[0]) && "versions".equals(segments[1]) && plain(segments[2])) {
				return new ModelRoute(segments[0], segments[2]);
			}
			return null;
		}

		/** A segment of RFC 3986 unreserved characters that is not a dot segment. */
		private static boolean plain(String segment) {
			if (segment.isEmpty() || ".".equals(segment) || "..".equals(segment)) {
				return false;
			}
			for (int i = 0; i < segment.length(); i++) {
				char c = segment.charAt(i);
				boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
						|| c == '-' || c == '.' || c == '_' || c == '~';
				if (!unreserved) {
					return false;
				}
			}
			return true;
		}

	}

}
