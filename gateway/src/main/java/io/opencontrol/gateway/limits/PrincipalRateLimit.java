package io.opencontrol.gateway.limits;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opencontrol.gateway.security.ProblemWriter;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Limits each caller's request rate: an authenticated caller by its token's subject, an
 * anonymous one (token endpoint) by the address the connection comes from, never by a
 * forwarded header. Over the limit: 429 with {@code Retry-After} in whole seconds.
 */
public class PrincipalRateLimit implements WebFilter {

	private final TokenBuckets buckets;

	private final ProblemWriter problems;

	private final Counter limited;

	public PrincipalRateLimit(LimitsProperties limits, ProblemWriter problems, MeterRegistry meters) {
		this.buckets = new TokenBuckets(limits, System::nanoTime);
		this.problems = problems;
		this.limited = Counter.builder("opencontrol.gateway.rate.limited")
			.description("Requests refused because their caller exceeded its rate")
			.register(meters);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter((authentication) -> authentication.isAuthenticated()
					&& !(authentication instanceof AnonymousAuthenticationToken))
			.map((authentication) -> "principal:" + authentication.getName())
			.switchIfEmpty(Mono.fromSupplier(() -> "address:" + remoteAddress(exchange)))
			.flatMap((caller) -> {
				Duration wait = this.buckets.take(caller);
				if (wait.isZero()) {
					return chain.filter(exchange);
				}
				this.limited.increment();
				long seconds = Math.max(1, (long) Math.ceil(wait.toMillis() / 1000.0));
				exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
				return this.problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
						"Too many requests from this caller; retry after " + seconds + " s.");
			});
	}

	private static String remoteAddress(ServerWebExchange exchange) {
		InetSocketAddress address = exchange.getRequest().getRemoteAddress();
		return (address != null && address.getAddress() != null) ? address.getAddress().getHostAddress() : "unknown";
	}

}
