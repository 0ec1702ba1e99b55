package io.opencontrol.platform.problem;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.opencontrol.platform.problem.ProblemResponses.assertProblem;

@SpringBootTest(classes = ProblemTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class ServletProblemDetailsTests {

	@LocalServerPort
	int port;

	@Test
	void unhandledExceptionIsA500ProblemWithoutInternals() throws Exception {
		assertProblem(new ProblemResponses(this.port).get("/broken"), 500);
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
