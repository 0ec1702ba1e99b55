package io.opencontrol.edge.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One record of the journal: its sequence number (consecutive, from 1), priority and
 * payload. On disk: the body's length and CRC-32C, then the body (sequence, priority,
 * payload), so a torn or corrupted record is recognised and never read as data.
 */
public record JournalRecord(long sequence, Priority priority, byte[] payload) {

	static final int HEADER_BYTES = Integer.BYTES * 2;

	static final int BODY_OVERHEAD = Long.BYTES + 1;

	public JournalRecord {
		payload = payload.clone();
	}

	@Override
	public byte[] payload() {
		return this.payload.clone();
	}

	/** The payload's length, without copying it. */
	public int payloadSize() {
		return this.payload.length;
	}

	int encodedSize() {
		return HEADER_BYTES + BODY_OVERHEAD + this.payload.length;
	}

	void encodeInto(ByteBuffer out) {
		int bodyStart = out.position() + HEADER_BYTES;
		out.putInt(BODY_OVERHEAD + this.payload.length);
		out.putInt(0);
		out.putLong(this.sequence).put(this.priority.code()).put(this.payload);
		out.putInt(bodyStart - Integer.BYTES, crc(out, bodyStart, out.position()));
	}

	/** The body's checksum, as written in the header. */
	static int crc(ByteBuffer buffer, int from, int to) {
		CRC32C crc = new CRC32C();
		crc.update(buffer.duplicate().limit(to).position(from));
		return (int) crc.getValue();
	}

	static JournalRecord decodeBody(ByteBuffer body) {
		long sequence = body.getLong();
		Priority priority = Priority.ofCode(body.get());
		byte[] payload = new byte[body.remaining()];
		body.get(payload);
		return new JournalRecord(sequence, priority, payload);
	}

}
