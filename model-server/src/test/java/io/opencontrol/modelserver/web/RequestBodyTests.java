package io.opencontrol.modelserver.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gathered body of an inference request: read whole below the limit, refused above
 * it, and its pooled buffer released whether it is read or its caller goes away first.
 */
class RequestBodyTests {

	private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);

	@Test
	void readsTheWholeBodyAndReleasesItsBuffer() {
		ByteBuf content = pooled("{\"inputs\":[]}");
		StepVerifier
			.create(RequestBody.read(request(content), 1024, Schedulers.immediate(),
					(body) -> new String(body.readAllBytes(), StandardCharsets.UTF_8)))
			.expectNext("{\"inputs\":[]}")
			.verifyComplete();
		assertThat(content.refCnt()).isZero();
	}

	@Test
	void refusesABodyThatGrowsPastTheLimit() {
		ByteBuf first = pooled("x".repeat(600));
		ByteBuf second = pooled("y".repeat(600));
		StepVerifier
			.create(RequestBody.read(request(first, second), 1000, Schedulers.immediate(),
					(body) -> body.readAllBytes().length))
			.expectError(RequestTooLarge.class)
			.verify();
		assertThat(first.refCnt()).isZero();
		assertThat(second.refCnt()).isZero();
	}

	@Test
	void releasesTheBodyOfACallerGoneBeforeItWasRead() {
		// The reader's thread never gets to it: its tasks are only held.
		List<Runnable> held = new ArrayList<>();
		Scheduler busy = Schedulers.fromExecutor(held::add);
		ByteBuf content = pooled("{\"inputs\":[]}");
		Disposable caller = RequestBody.read(request(content), 1024, busy, (body) -> body.readAllBytes().length)
			.subscribe();
		assertThat(held).as("the body waits for the reader's thread").isNotEmpty();
		caller.dispose();
		assertThat(content.refCnt()).isZero();
	}

	private ByteBuf pooled(String text) {
		ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer();
		buffer.writeCharSequence(text, StandardCharsets.UTF_8);
		return buffer;
	}

	private MockServerHttpRequest request(ByteBuf... contents) {
		return MockServerHttpRequest.post("/v2/models/m/infer").body(Flux.fromArray(contents).map(this.buffers::wrap));
	}

}
