package io.opencontrol.fleet.web;

import io.opencontrol.fleet.events.AssignmentStreams;
import io.opencontrol.fleet.fleets.Fleets;
import io.opencontrol.fleet.robots.RobotNotFound;
import io.opencontrol.fleet.robots.Robots;
import io.opencontrol.platform.security.CallerRights;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of assignments: a robot's (its own edge gateway, or a reader of its
 * fleet) and a fleet's (readers). A client that reconnects with {@code Last-Event-ID}
 * gets what it missed.
 */
@RestController
@Validated
class StreamController {

	private final AssignmentStreams streams;

	private final Robots robots;

	private final Fleets fleets;

	StreamController(AssignmentStreams streams, Robots robots, Fleets fleets) {
		this.streams = streams;
		this.robots = robots;
		this.fleets = fleets;
	}

	@GetMapping(path = "/api/robots/{id}/assignments", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@PreAuthorize("hasAnyAuthority('PERMISSION_READ', 'PERMISSION_ROBOT')")
	SseEmitter ofRobot(@PathVariable @Pattern(regexp = Identifiers.SLUG) String id,
			@RequestHeader(name = "Last-Event-ID", required = false) @PositiveOrZero Long lastEventId,
			Authentication caller) {
		CallerRights rights = CallerRights.of(caller);
		if (rights.robotId() != null && !rights.isRobot(id)) {
			throw new RobotNotFound(id);
		}
		this.robots.get(rights, id);
		return this.streams.ofRobot(id, lastEventId);
	}

	@GetMapping(path = "/api/fleets/{id}/assignments", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	SseEmitter ofFleet(@PathVariable @Pattern(regexp = Identifiers.SLUG) String id,
			@RequestHeader(name = "Last-Event-ID", required = false) @PositiveOrZero Long lastEventId,
			Authentication caller) {
		this.fleets.get(CallerRights.of(caller), id);
		return this.streams.ofFleet(id, lastEventId);
	}

}
