package io.opencontrol.edge.journal;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where and how telemetry is kept until the cloud has it.
 *
 * @param directory the journal's own directory
 * @param segmentSize about how large a segment file grows before the next is begun
 * @param maxRecordSize the largest record (payload plus 9 bytes)
 * @param diskBudget the most disk the journal may take; beyond it the oldest low-priority
 * records are dropped first, then the oldest normal ones, and high-priority records are
 * never dropped (appends are refused instead)
 */
@ConfigurationProperties("opencontrol.edge.journal")
public record JournalProperties(@DefaultValue("journal") Path directory, @DefaultValue("4MB") DataSize segmentSize,
		@DefaultValue("256KB") DataSize maxRecordSize, @DefaultValue("512MB") DataSize diskBudget) {

	public JournalProperties {
		if (segmentSize.toBytes() < 64 || maxRecordSize.toBytes() < 64 || maxRecordSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("opencontrol.edge.journal: segment-size and max-record-size must be at "
					+ "least 64 bytes, max-record-size below 2GB");
		}
		// Dropping happens in sealed segments: the one being written must leave room.
		if (diskBudget.toBytes() < 4 * Math.max(segmentSize.toBytes(), maxRecordSize.toBytes())) {
			throw new IllegalArgumentException("opencontrol.edge.journal.disk-budget (" + diskBudget
					+ ") must be at least four segments and four records");
		}
	}

}
