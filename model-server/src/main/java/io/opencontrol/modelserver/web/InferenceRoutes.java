package io.opencontrol.modelserver.web;

import java.util.EnumSet;

import io.opencontrol.platform.security.Permission;
import io.opencontrol.platform.security.ReactiveTokenGate;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The inference routes, answered by a web filter ahead of Spring Security's chain: OIP
 * {@code POST /v2/models/{model}[/versions/{version}]/infer} and the original
 * {@code POST /predict}. Everything else goes on through the chain to the controllers.
 * <p>
 * Why: on a two-core machine the model's own computation is most of the work, and every
 * microsecond the web stack spends per request is taken from it. The token is checked
 * here by the resource server's own rules ({@link ReactiveTokenGate}: permission
 * {@code control}, or a robot speaking for itself), refusals are the same problem
 * details, and failures are rendered once in each route's shape by {@link Failure}. A
 * path with anything but unreserved characters in its segments is left to the chain,
 * whose firewall judges it.
 */
@Component
// Just after ClosingConnections, ahead of Spring Security's chain.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class InferenceRoutes implements WebFilter {

	private static final String MODELS = "/v2/models/";

	private final ReactiveTokenGate gate;

	private final OipInference oip;

	private final Prediction prediction;

	InferenceRoutes(ReactiveJwtDecoder tokens, OipInference oip, Prediction prediction) {
		this.gate = new ReactiveTokenGate(tokens, EnumSet.of(Permission.CONTROL, Permission.ROBOT));
		this.oip = oip;
		this.prediction = prediction;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!HttpMethod.POST.equals(request.getMethod())) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		String path = request.getPath().value();
		if (Prediction.PATH.equals(path)) {
			measuredAs(exchange, Prediction.PATH);
			return this.gate.admit(request, response, (caller) -> this.prediction.answer(request, response));
		}
		ModelRoute route = ModelRoute.of(path);
		if (route == null) {
			return chain.filter(exchange);
		}
		measuredAs(exchange,
				(route.version() != null) ? "/v2/models/{model}/versions/{version}/infer" : "/v2/models/{model}/infer");
		return this.gate.admit(request, response,
				(caller) -> this.oip.answer(route.model(), route.version(), request, response));
	}

	/**
	 * Names the route in {@code http.server.requests}, which WebFlux's dispatch would
	 * otherwise do: the server's observation wraps this filter but never learns which
	 * handler answered.
	 */
	private static void measuredAs(ServerWebExchange exchange, String pattern) {
		ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.ifPresent((context) -> context.setPathPattern(pattern));
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
