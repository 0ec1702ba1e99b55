package io.opencontrol.platform.problem;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.opencontrol.platform.problem.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = ProblemTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveProblemDetailsTests {

	@LocalServerPort
	int port;

	@Test
	void unhandledExceptionIsA500ProblemWithoutInternals() throws Exception {
		assertProblem(new ProblemResponses(this.port).get("/broken"), 500);
	}

	@Test
	void refusedBackendConnectionIsA503ProblemWithoutTheAddress() throws Exception {
		HttpResponse<String> response = new ProblemResponses(this.port).get("/unreachable");
		assertProblem(response, 503);
		assertThat(response.body()).doesNotContain("10.0.0.7");
	}

	@Test
	void unknownPathIsA404Problem() throws Exception {
		assertProblem(new ProblemResponses(this.port).get("/no/such/thing"), 404);
	}

	@Test
	void malformedJsonIsA400Problem() throws Exception {
		assertProblem(new ProblemResponses(this.port).postJson("/echo", "{\"unterminated\": "), 400);
	}

	@Test
	void wrongMethodIsA405Problem() throws Exception {
		assertProblem(new ProblemResponses(this.port).get("/echo"), 405);
	}

}
