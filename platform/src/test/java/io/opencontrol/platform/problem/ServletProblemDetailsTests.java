package io.opencontrol.platform.problem;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.opencontrol.platform.problem.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

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

	@Test
	void aPathTheContainerRejectsIsA400ProblemNotItsHtmlPage() throws Exception {
		// Tomcat refuses encoded slashes and NULs before any filter or servlet runs.
		for (String path : List.of("/echo/a%2Fb", "/no/such%00thing")) {
			HttpResponse<String> response = new ProblemResponses(this.port).postJson(path, "{}");
			assertProblem(response, 400);
			assertThat(response.body()).doesNotContain("<html").contains("\"instance\":\"" + path + "\"");
		}
	}

	@Test
	void theInstanceIsThePathAsSent() throws Exception {
		HttpResponse<String> response = new ProblemResponses(this.port).get("/broken/a%20b");
		assertProblem(response, 500);
		assertThat(response.body()).contains("\"instance\":\"/broken/a%20b\"");
	}

}
