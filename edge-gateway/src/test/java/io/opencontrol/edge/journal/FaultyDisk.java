package io.opencontrol.edge.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real files whose writes can be made to fail as on a full disk, or whose fsyncs can fail
 * after the bytes reached the page cache; counts fsyncs.
 */
final class FaultyDisk implements ChannelOpener {

	volatile boolean full;

	volatile boolean fsyncFails;

	final AtomicInteger fsyncs = new AtomicInteger();

	@Override
	public FileChannel open(Path path) throws IOException {
		return new Channel(FILES.open(path));
	}

	private final class Channel extends FileChannel {

		private final FileChannel file;

		Channel(FileChannel file) {
			this.file = file;
		}

		@Override
		public int write(ByteBuffer src, long position) throws IOException {
			if (FaultyDisk.this.full) {
				// Like ENOSPC part-way: some bytes land, then the write fails.
				int some = Math.min(src.remaining(), 7);
				this.file.write(src.slice().limit(some), position);
				throw new IOException("No space left on device");
			}
			return this.file.write(src, position);
		}

		@Override
		public void force(boolean metaData) throws IOException {
			if (FaultyDisk.this.fsyncFails) {
				throw new IOException("Input/output error");
			}
			FaultyDisk.this.fsyncs.incrementAndGet();
			this.file.force(metaData);
		}

		@Override
		public int read(ByteBuffer dst) throws IOException {
			return this.file.read(dst);
		}

		@Override
		public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
			return this.file.read(dsts, offset, length);
		}

		@Override
		public int write(ByteBuffer src) throws IOException {
			return write(src, this.file.position());
		}

		@Override
		public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
			throw new IOException("not used by the journal");
		}

		@Override
		public long position() throws IOException {
			return this.file.position();
		}

		@Override
		public FileChannel position(long newPosition) throws IOException {
			this.file.position(newPosition);
			return this;
		}

		@Override
		public long size() throws IOException {
			return this.file.size();
		}

		@Override
		public FileChannel truncate(long size) throws IOException {
			this.file.truncate(size);
			return this;
		}

		@Override
		public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
			return this.file.transferTo(position, count, target);
		}

		@Override
		public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
			return this.file.transferFrom(src, position, count);
		}

		@Override
		public int read(ByteBuffer dst, long position) throws IOException {
			return this.file.read(dst, position);
		}

		@Override
		public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
			return this.file.map(mode, position, size);
		}

		@Override
		public FileLock lock(long position, long size, boolean shared) throws IOException {
			return this.file.lock(position, size, shared);
		}

		@Override
		public FileLock tryLock(long position, long size, boolean shared) throws IOException {
			return this.file.tryLock(position, size, shared);
		}

		@Override
		protected void implCloseChannel() throws IOException {
			this.file.close();
		}

	}

}
