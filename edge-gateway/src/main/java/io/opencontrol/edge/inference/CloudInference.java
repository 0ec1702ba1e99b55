package io.opencontrol.edge.inference;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.opencontrol.edge.cloud.Cloud;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * /predict in the cloud, behind a bulkhead (so a slow cloud cannot take every thread), a
 * circuit breaker (so a failing cloud is not waited for) and a time limiter. A refusal of
 * the request itself (4xx) is the robot's to fix and never trips the breaker.
 */
class CloudInference {

	private final Cloud cloud;

	private final CircuitBreaker breaker;

	private final TimeLimiter timeLimiter;

	private final Bulkhead bulkhead;

	private final JsonMapper json;

	private volatile double recentLatencyMs;

	CloudInference(Cloud cloud, CircuitBreaker breaker, TimeLimiter timeLimiter, Bulkhead bulkhead, JsonMapper json) {
		this.cloud = cloud;
		this.breaker = breaker;
		this.timeLimiter = timeLimiter;
		this.bulkhead = bulkhead;
		this.json = json;
	}

	boolean circuitOpen() {
		CircuitBreaker.State state = this.breaker.getState();
		return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
	}

	String circuitState() {
		return this.breaker.getState().name().toLowerCase();
	}

	/** A moving average of successful calls' latency, 0 before the first. */
	double recentLatencyMs() {
		return this.recentLatencyMs;
	}

	/**
	 * @throws CloudUnavailable if the cloud could not answer (the caller falls back)
	 * @throws InvalidPrediction if the cloud refused the request itself
	 */
	Prediction predict(PredictRequest request) throws InterruptedException {
		long started = System.nanoTime();
		try {
			Prediction answer = this.bulkhead.executeCallable(() -> this.breaker
				.executeCallable(() -> this.timeLimiter.executeFutureSupplier(() -> send(request))));
			double latency = (System.nanoTime() - started) / 1e6;
			double previous = this.recentLatencyMs;
			this.recentLatencyMs = (previous == 0) ? latency : 0.8 * previous + 0.2 * latency;
			return answer;
		}
		catch (InvalidPrediction refused) {
			throw refused;
		}
		catch (CallNotPermittedException ex) {
			throw new CloudUnavailable("the circuit is open", ex);
		}
		catch (BulkheadFullException ex) {
			throw new CloudUnavailable("too many requests are waiting for the cloud", ex);
		}
		catch (TimeoutException ex) {
			throw new CloudUnavailable("the cloud did not answer in time", ex);
		}
		catch (IOException | CloudFailed ex) {
			throw new CloudUnavailable(ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new CloudUnavailable(ex.toString(), ex);
		}
	}

	private CompletableFuture<Prediction> send(PredictRequest request) {
		HttpRequest.Builder http = this.cloud.request("/predict")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(request.cloudBody())));
		try {
			return this.cloud.sendAsync(http, HttpResponse.BodyHandlers.ofString()).thenApply(this::answer);
		}
		catch (IOException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CompletableFuture.failedFuture(ex);
		}
	}

	private Prediction answer(HttpResponse<String> response) {
		int status = response.statusCode();
		// 401/403: the robot's token was refused (expired, or a retired key); it is
		// replaced for the next call, and this one is answered locally.
		if (status == 401 || status == 403 || status == 429 || status >= 500) {
			throw new CloudFailed("the cloud answered HTTP " + status);
		}
		JsonNode body = this.json.readTree(response.body());
		if (status != 200) {
			throw new InvalidPrediction("the cloud refused the request (HTTP " + status + "): "
					+ body.path("detail").asString(body.path("error").asString("")));
		}
		List<Tensor> outputs = new ArrayList<>();
		for (Map.Entry<String, JsonNode> output : body.path("outputs").properties()) {
			outputs.add(NestedArrays.read(output.getKey(), output.getValue()));
		}
		return new Prediction(body.path("model").asString(), body.path("version").asString(), outputs,
				body.path("latency_ms").asDouble(), Prediction.Source.CLOUD_SERVER, null);
	}

}
