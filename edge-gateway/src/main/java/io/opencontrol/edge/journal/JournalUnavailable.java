package io.opencontrol.edge.journal;

/**
 * The journal could not make a record durable (disk full, a failed write or fsync): the
 * record is not acknowledged, and records acknowledged before are intact.
 */
public class JournalUnavailable extends RuntimeException {

	public JournalUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
