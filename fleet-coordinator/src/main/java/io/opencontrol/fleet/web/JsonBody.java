package io.opencontrol.fleet.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;

/**
 * A JSON request body read for a route that answers before MVC: by the application's
 * mapper and checked by the same bean constraints, failing with the exceptions MVC's own
 * reading would raise, so the application's handlers answer them alike.
 */
final class JsonBody {

	private final JsonMapper json;

	private final Validator validator;

	JsonBody(JsonMapper json, Validator validator) {
		this.json = json;
		this.validator = validator;
	}

	static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	<T> T read(HttpServletRequest request, Class<T> type) throws IOException {
		T body;
		try {
			body = this.json.readValue(request.getInputStream(), type);
		}
		catch (JacksonException ex) {
			throw new HttpMessageNotReadableException("Failed to read request", ex,
					new ServletServerHttpRequest(request));
		}
		if (body == null) {
			throw new HttpMessageNotReadableException("Required request body is missing",
					new ServletServerHttpRequest(request));
		}
		Set<ConstraintViolation<T>> violations = this.validator.validate(body);
		if (!violations.isEmpty()) {
			throw new ConstraintViolationException(violations);
		}
		return body;
	}

}
