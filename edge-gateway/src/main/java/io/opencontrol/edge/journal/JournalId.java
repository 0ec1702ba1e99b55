package io.opencontrol.edge.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The journal's identity, made once when its directory is new. The cloud knows a record
 * by this id and the record's sequence: a journal started afresh (a new disk, a wiped
 * directory) numbers from 1 again and must not be taken for the old one repeating itself.
 */
final class JournalId {

	private JournalId() {
	}

	static UUID readOrCreate(Path directory) throws IOException {
		Path file = directory.resolve("journal-id");
		if (Files.exists(file)) {
			String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
			try {
				return UUID.fromString(text);
			}
			catch (IllegalArgumentException ex) {
				throw new IOException(file + " does not hold a journal id: '" + text + "'", ex);
			}
		}
		UUID id = UUID.randomUUID();
		Path aside = directory.resolve("journal-id.next");
		try (FileChannel channel = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			channel.write(ByteBuffer.wrap(id.toString().getBytes(StandardCharsets.US_ASCII)));
			channel.force(true);
		}
		Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		return id;
	}

}
