package io.opencontrol.edge.journal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A segment file's valid records from its start: reading stops at the first record that
 * is incomplete, fails its checksum, has an impossible length or does not follow the
 * sequence (sequences only rise; a segment that dropped records to stay within the disk
 * budget has gaps). What follows is a torn tail (a write the crash interrupted, never
 * acknowledged) and {@code validBytes} is where the next record belongs.
 *
 * @param records the valid records, in order
 * @param validBytes the length of the valid prefix
 * @param fileBytes the file's length
 */
record SegmentScan(List<JournalRecord> records, long validBytes, long fileBytes) {

	boolean torn() {
		return this.validBytes < this.fileBytes;
	}

	/** The last record's sequence, or {@code firstSequence - 1} when there is none. */
	long lastSequence(long firstSequence) {
		return this.records.isEmpty() ? firstSequence - 1 : this.records.get(this.records.size() - 1).sequence();
	}

	static SegmentScan of(Path file, long firstSequence, int maxRecordBytes) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			List<JournalRecord> records = new ArrayList<>();
			long position = 0;
			long least = firstSequence;
			ByteBuffer header = ByteBuffer.allocate(JournalRecord.HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
			while (position + JournalRecord.HEADER_BYTES <= size) {
				header.clear();
				readFully(channel, header, position);
				int length = header.getInt(0);
				int crc = header.getInt(Integer.BYTES);
				if (length < JournalRecord.BODY_OVERHEAD || length > maxRecordBytes
						|| position + JournalRecord.HEADER_BYTES + length > size) {
					break;
				}
				ByteBuffer body = ByteBuffer.allocate(length);
				readFully(channel, body, position + JournalRecord.HEADER_BYTES);
				if (JournalRecord.crc(body, 0, length) != crc) {
					break;
				}
				JournalRecord record = decodeOrNull(body);
				if (record == null || record.sequence() < least) {
					break;
				}
				records.add(record);
				least = record.sequence() + 1;
				position += JournalRecord.HEADER_BYTES + length;
			}
			return new SegmentScan(records, position, size);
		}
	}

	private static JournalRecord decodeOrNull(ByteBuffer body) {
		try {
			return JournalRecord.decodeBody(body.rewind());
		}
		catch (IllegalArgumentException ex) {
			return null; // an unknown priority code: not a record this journal wrote
		}
	}

	private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		while (buffer.hasRemaining()) {
			if (channel.read(buffer, position + buffer.position()) < 0) {
				throw new EOFException("segment ended inside a record");
			}
		}
		buffer.flip();
	}

}
