package io.opencontrol.health.polling;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/** Polls one target over HTTP within its timeout. */
@Component
class HealthProbe {

	private final HttpClient client;

	private final Clock clock;

	HealthProbe(Clock clock) {
		this.clock = clock;
		this.client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(2))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	ComponentHealth probe(HealthTargetsProperties.Target target) {
		Instant start = this.clock.instant();
		HttpRequest request = HttpRequest.newBuilder(target.url()).timeout(target.timeout()).GET().build();
		try {
			HttpResponse<Void> response = this.client.send(request, HttpResponse.BodyHandlers.discarding());
			long latencyMs = Duration.between(start, this.clock.instant()).toMillis();
			int code = response.statusCode();
			return (code >= 200 && code < 300) ? new ComponentHealth(ComponentStatus.UP, start, latencyMs, null)
					: new ComponentHealth(ComponentStatus.DOWN, start, latencyMs, "answered HTTP " + code);
		}
		catch (HttpTimeoutException ex) {
			return down(start, "no answer within " + target.timeout());
		}
		catch (IOException ex) {
			return down(start, "unreachable");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return down(start, "poll interrupted");
		}
	}

	private ComponentHealth down(Instant start, String reason) {
		return new ComponentHealth(ComponentStatus.DOWN, start,
				Duration.between(start, this.clock.instant()).toMillis(), reason);
	}

}
