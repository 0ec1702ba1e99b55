package io.opencontrol.edge.telemetry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How journal records are sent to the fleet-coordinator.
 *
 * @param batchRecords the most records in one request (the coordinator takes up to 1000)
 * @param batchSize the most payload bytes in one request
 * @param idlePoll how often an empty journal is looked at again
 * @param retryMin the first pause after a failed send
 * @param retryMax the longest pause between attempts while the cloud is away
 * @param timeout how long one request may take
 */
@ConfigurationProperties("opencontrol.edge.forwarding")
public record ForwardingProperties(@DefaultValue("500") int batchRecords, @DefaultValue("1MB") DataSize batchSize,
		@DefaultValue("50ms") Duration idlePoll, @DefaultValue("200ms") Duration retryMin,
		@DefaultValue("5s") Duration retryMax, @DefaultValue("10s") Duration timeout) {

	public ForwardingProperties {
		if (batchRecords < 1 || batchRecords > 1000) {
			throw new IllegalArgumentException(
					"opencontrol.edge.forwarding.batch-records must be 1 to 1000, not " + batchRecords);
		}
	}

}
