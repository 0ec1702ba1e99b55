package io.opencontrol.edge.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The sequence up to which the cloud has confirmed records, kept in one small file that
 * is replaced atomically (written aside, fsync'd, renamed, directory fsync'd), so a crash
 * leaves either the old mark or the new one. A mark that lags only means records are sent
 * again, and the coordinator drops repeats by their keys.
 */
final class ForwardedMark {

	private final Path file;

	private final Path directory;

	ForwardedMark(Path directory) {
		this.directory = directory;
		this.file = directory.resolve("forwarded");
	}

	long read() throws IOException {
		if (!Files.exists(this.file)) {
			return 0;
		}
		String text = Files.readString(this.file, StandardCharsets.US_ASCII).trim();
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new IOException(this.file + " does not hold a sequence number: '" + text + "'", ex);
		}
	}

	void write(long sequence) throws IOException {
		Path aside = this.directory.resolve("forwarded.next");
		try (FileChannel channel = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			channel.write(java.nio.ByteBuffer.wrap(Long.toString(sequence).getBytes(StandardCharsets.US_ASCII)));
			channel.force(true);
		}
		Files.move(aside, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		try (FileChannel directory = FileChannel.open(this.directory, StandardOpenOption.READ)) {
			directory.force(true);
		}
	}

}
