package io.opencontrol.edge.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens the segment file the journal appends to. The seam through which tests give the
 * journal a disk that fills up or an fsync that fails.
 */
@FunctionalInterface
public interface ChannelOpener {

	ChannelOpener FILES = (path) -> FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
			StandardOpenOption.WRITE);

	FileChannel open(Path path) throws IOException;

}
