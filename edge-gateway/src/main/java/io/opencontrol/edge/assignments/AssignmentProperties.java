package io.opencontrol.edge.assignments;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The robot's assignment stream from the fleet-coordinator, and the task reports the
 * robot's software sends through this edge gateway.
 *
 * @param reconnectMin the first pause before reconnecting a lost stream
 * @param reconnectMax the longest pause between attempts while the cloud is away
 * @param silenceTimeout a stream silent this long is taken as dead and reconnected (the
 * coordinator sends a keep-alive every 15 s)
 * @param timeout how long a task report or state report to the cloud may take
 */
@ConfigurationProperties("opencontrol.edge.assignments")
public record AssignmentProperties(@DefaultValue("500ms") Duration reconnectMin,
		@DefaultValue("10s") Duration reconnectMax, @DefaultValue("45s") Duration silenceTimeout,
		@DefaultValue("5s") Duration timeout) {

}
