package io.opencontrol.modelserver.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * An inference request's body, gathered in memory up to the configured maximum and read
 * by one of the request readers. A body declared larger than the maximum is refused
 * before any of it is read; one that turns out larger (chunked) as soon as it passes the
 * maximum.
 */
final class RequestBody {

	private RequestBody() {
	}

	/** A reader of a whole body. */
	@FunctionalInterface
	interface Reader<T> {

		T read(LimitedInput body) throws IOException;

	}

	/**
	 * Reads the body on {@code where}. The demo model's JSON body of one sample (12,295
	 * numbers) takes on the order of a millisecond to parse, long enough to keep an event
	 * loop from every other connection it serves.
	 */
	static <T> Mono<T> read(ServerHttpRequest request, long maxBytes, Scheduler where, Reader<T> reader) {
		if (request.getHeaders().getContentLength() > maxBytes) {
			return Mono.error(new RequestTooLarge(maxBytes));
		}
		return DataBufferUtils.join(request.getBody(), (int) Math.min(maxBytes, Integer.MAX_VALUE))
			.onErrorMap(DataBufferLimitException.class, (ex) -> new RequestTooLarge(maxBytes))
			.switchIfEmpty(Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.allocateBuffer(0)))
			.flatMap((body) -> readOn(where, body, maxBytes, reader));
	}

	/**
	 * Hands the body to the reader on {@code where}. It belongs to whichever comes first,
	 * the read or the caller going away while the read waits for its thread, so the
	 * gathered (pooled) buffer is released either way.
	 */
	private static <T> Mono<T> readOn(Scheduler where, DataBuffer body, long maxBytes, Reader<T> reader) {
		AtomicReference<DataBuffer> unread = new AtomicReference<>(body);
		return Mono.fromSupplier(() -> {
			DataBuffer taken = unread.getAndSet(null);
			return (taken != null) ? read(taken, maxBytes, reader) : null;
		}).subscribeOn(where).doOnCancel(() -> {
			DataBuffer left = unread.getAndSet(null);
			if (left != null) {
				DataBufferUtils.release(left);
			}
		});
	}

	private static <T> T read(DataBuffer body, long maxBytes, Reader<T> reader) {
		try (InputStream in = body.asInputStream(true)) {
			return reader.read(new LimitedInput(in, maxBytes));
		}
		catch (IOException ex) {
			// An in-memory buffer does not fail to read.
			throw new UncheckedIOException(ex);
		}
	}

}
