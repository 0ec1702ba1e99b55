package io.opencontrol.edge.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telemetry on disk before anyone is told it is stored: records are appended to segment
 * files and fsync'd before {@link #append} returns, by one writer thread that makes every
 * record waiting at that moment durable with a single fsync (group commit). Opening the
 * journal cuts a torn tail, the unacknowledged end of a write a crash interrupted. The
 * forwarder reads records in order after the last one the cloud confirmed
 * ({@link #readAfter}) and confirms them ({@link #acknowledge}); segments wholly
 * confirmed are deleted.
 */
public final class Journal implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Journal.class);

	private static final String SUFFIX = ".seg";

	private static final int MAX_BATCH = 1024;

	private static final Pending CLOSE = new Pending(Priority.LOW, new byte[0], new CompletableFuture<>());

	private final Path directory;

	private final long segmentBytes;

	private final int maxRecordBytes;

	private final long diskBudget;

	private final Map<Priority, AtomicLong> dropped = new EnumMap<>(Priority.class);

	private final ChannelOpener opener;

	private final ForwardedMark mark;

	/** Segment files by the sequence of their first record. */
	private final ConcurrentSkipListMap<Long, Path> segments = new ConcurrentSkipListMap<>();

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private final Thread writer;

	private volatile boolean closed;

	private volatile long durable;

	private volatile long forwarded;

	// Owned by the writer thread once it runs.
	private FileChannel active;

	private long activeFirst;

	private volatile long activeEnd;

	/** What the segments before the one being written take on disk. */
	private final AtomicLong sealedBytes = new AtomicLong();

	private long next;

	private UUID id;

	private boolean damaged;

	private Journal(JournalProperties properties, ChannelOpener opener) {
		this.directory = properties.directory();
		this.segmentBytes = properties.segmentSize().toBytes();
		this.maxRecordBytes = (int) properties.maxRecordSize().toBytes();
		this.diskBudget = properties.diskBudget().toBytes();
		this.opener = opener;
		for (Priority priority : Priority.values()) {
			this.dropped.put(priority, new AtomicLong());
		}
		this.mark = new ForwardedMark(directory);
		this.writer = new Thread(this::run, "journal-writer");
	}

	/** Opens (or creates) the journal, cutting a torn tail. */
	public static Journal open(JournalProperties properties, ChannelOpener opener) throws IOException {
		Files.createDirectories(properties.directory());
		Journal journal = new Journal(properties, opener);
		journal.recover();
		journal.writer.start();
		return journal;
	}

	/**
	 * Stores the record durably and returns its sequence number.
	 * @throws JournalUnavailable if it could not be made durable; nothing is acknowledged
	 * @throws RecordTooLarge if the payload is larger than a record may be
	 */
	public long append(Priority priority, byte[] payload) {
		if (payload.length + JournalRecord.BODY_OVERHEAD > this.maxRecordBytes) {
			throw new RecordTooLarge(this.maxRecordBytes - JournalRecord.BODY_OVERHEAD, payload.length);
		}
		Pending pending = new Pending(priority, payload, new CompletableFuture<>());
		if (this.closed) {
			throw new JournalUnavailable("the journal is closed", null);
		}
		this.queue.add(pending);
		if (this.closed && !this.writer.isAlive()) {
			// Closed between the check and the queue: no writer will answer it.
			pending.done().completeExceptionally(new JournalUnavailable("the journal is closed", null));
		}
		try {
			return pending.done().get();
		}
		catch (ExecutionException ex) {
			throw (RuntimeException) ex.getCause();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JournalUnavailable("interrupted while the record was being stored", ex);
		}
	}

	/** Up to {@code max} durable records after {@code sequence}, in order. */
	public List<JournalRecord> readAfter(long sequence, int max) throws IOException {
		long limit = this.durable;
		List<JournalRecord> records = new ArrayList<>();
		for (Map.Entry<Long, Path> segment : this.segments.entrySet()) {
			Long following = this.segments.higherKey(segment.getKey());
			if (following != null && following - 1 <= sequence) {
				continue;
			}
			SegmentScan scan;
			try {
				scan = SegmentScan.of(segment.getValue(), segment.getKey(), this.maxRecordBytes);
			}
			catch (NoSuchFileException confirmedMeanwhile) {
				continue;
			}
			for (JournalRecord record : scan.records()) {
				if (record.sequence() > sequence && record.sequence() <= limit) {
					records.add(record);
					if (records.size() == max) {
						return records;
					}
				}
			}
		}
		return records;
	}

	/**
	 * Records that the cloud has every record up to {@code sequence}: the mark is stored
	 * durably and segments holding only confirmed records are deleted.
	 */
	public synchronized void acknowledge(long sequence) throws IOException {
		long upTo = Math.min(sequence, this.durable);
		if (upTo <= this.forwarded) {
			return;
		}
		this.mark.write(upTo);
		this.forwarded = upTo;
		for (Map.Entry<Long, Path> segment : this.segments.entrySet()) {
			Long following = this.segments.higherKey(segment.getKey());
			if (following == null || following - 1 > upTo) {
				return; // the segment being written is never deleted
			}
			long size = Files.size(segment.getValue());
			Files.delete(segment.getValue());
			this.segments.remove(segment.getKey());
			this.sealedBytes.addAndGet(-size);
		}
	}

	/** This journal's identity: with a sequence, the key of a record in the cloud. */
	public UUID id() {
		return this.id;
	}

	/** The last sequence made durable (0 when none). */
	public long lastSequence() {
		return this.durable;
	}

	/** The last sequence the cloud confirmed (0 when none). */
	public long forwardedUpTo() {
		return this.forwarded;
	}

	/** Records made durable that the cloud has not confirmed. */
	public long backlog() {
		return Math.max(0, this.durable - this.forwarded);
	}

	/** Bytes the journal's segments take on disk (kept as they change, never listed). */
	public long diskBytes() {
		return this.sealedBytes.get() + this.activeEnd;
	}

	/** Records dropped to stay within the disk budget, by priority, since the start. */
	public long dropped(Priority priority) {
		return this.dropped.get(priority).get();
	}

	/** Stores what is waiting, then stops; later appends fail. */
	@Override
	public void close() throws IOException {
		this.closed = true;
		this.queue.add(CLOSE);
		try {
			this.writer.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.active != null) {
			this.active.close();
		}
	}

	private void recover() throws IOException {
		this.id = JournalId.readOrCreate(this.directory);
		this.forwarded = this.mark.read();
		List<Path> files;
		try (Stream<Path> listing = Files.list(this.directory)) {
			files = listing.sorted().toList();
		}
		for (Path file : files) {
			if (file.getFileName().toString().endsWith(".compacting")) {
				Files.delete(file); // a rewrite the crash interrupted; its segment is
									// whole
			}
		}
		files = files.stream().filter((path) -> path.getFileName().toString().endsWith(SUFFIX)).toList();
		long last = this.forwarded;
		long lastValidBytes = 0;
		long newestLast = 0;
		long totalBytes = 0;
		for (Path file : files) {
			long first = firstSequence(file);
			SegmentScan scan = SegmentScan.of(file, first, this.maxRecordBytes);
			if (scan.torn()) {
				logger.warn("Cutting the torn tail of {}: {} of {} bytes are whole records", file, scan.validBytes(),
						scan.fileBytes());
				try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
					channel.truncate(scan.validBytes());
					channel.force(true);
				}
			}
			this.segments.put(first, file);
			last = Math.max(last, scan.lastSequence(first));
			newestLast = scan.lastSequence(first);
			lastValidBytes = scan.validBytes();
			totalBytes += scan.validBytes();
		}
		this.next = last + 1;
		this.durable = last;
		Map.Entry<Long, Path> newest = this.segments.lastEntry();
		if (newest != null && lastValidBytes < this.segmentBytes && newestLast == last) {
			this.activeFirst = newest.getKey();
			this.active = this.opener.open(newest.getValue());
			this.activeEnd = lastValidBytes;
			this.sealedBytes.set(totalBytes - lastValidBytes);
		}
		else {
			this.sealedBytes.set(totalBytes);
			begin(this.next);
		}
	}

	private void run() {
		List<Pending> batch = new ArrayList<>();
		boolean closing = false;
		while (!closing) {
			try {
				batch.add(this.queue.take());
			}
			catch (InterruptedException ex) {
				break;
			}
			this.queue.drainTo(batch, MAX_BATCH);
			closing = batch.remove(CLOSE);
			if (!batch.isEmpty()) {
				store(batch);
			}
			batch.clear();
		}
		this.queue.forEach(
				(left) -> left.done().completeExceptionally(new JournalUnavailable("the journal is closed", null)));
	}

	private void store(List<Pending> batch) {
		try {
			repairIfDamaged();
			if (this.activeEnd >= this.segmentBytes) {
				this.active.close();
				long sealed = this.activeEnd;
				begin(this.next);
				this.sealedBytes.addAndGet(sealed);
			}
			List<JournalRecord> records = new ArrayList<>(batch.size());
			long sequence = this.next;
			int bytes = 0;
			for (Pending pending : batch) {
				JournalRecord record = new JournalRecord(sequence++, pending.priority(), pending.payload());
				records.add(record);
				bytes += record.encodedSize();
			}
			makeRoom(bytes);
			ByteBuffer out = ByteBuffer.allocate(bytes);
			records.forEach((record) -> record.encodeInto(out));
			out.flip();
			long position = this.activeEnd;
			while (out.hasRemaining()) {
				position += this.active.write(out, position);
			}
			this.active.force(false);
			this.activeEnd = position;
			this.next = sequence;
			this.durable = sequence - 1;
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).done().complete(records.get(i).sequence());
			}
		}
		catch (IOException | RuntimeException ex) {
			this.damaged = true;
			JournalUnavailable failure = new JournalUnavailable(
					"telemetry could not be stored durably: " + ex.getMessage(), ex);
			batch.forEach((pending) -> pending.done().completeExceptionally(failure));
		}
	}

	/**
	 * Keeps the journal within its disk budget: drops the oldest low-priority records
	 * first, then the oldest normal ones, from sealed segments; high-priority records are
	 * never dropped, so when only they fill the budget the append fails.
	 */
	private void makeRoom(long incoming) throws IOException {
		long used = diskBytes();
		for (Priority victim : List.of(Priority.LOW, Priority.NORMAL)) {
			for (Map.Entry<Long, Path> segment : this.segments.headMap(this.activeFirst).entrySet()) {
				if (used + incoming <= this.diskBudget) {
					return;
				}
				used -= drop(segment.getKey(), segment.getValue(), victim);
			}
		}
		if (used + incoming > this.diskBudget) {
			throw new IOException("the disk budget of " + this.diskBudget + " bytes is full of high-priority "
					+ "records the cloud has not confirmed");
		}
	}

	/** Rewrites a sealed segment without its records of one priority; the bytes freed. */
	private long drop(long first, Path segment, Priority victim) throws IOException {
		List<JournalRecord> records = SegmentScan.of(segment, first, this.maxRecordBytes).records();
		List<JournalRecord> kept = records.stream().filter((record) -> record.priority() != victim).toList();
		if (kept.size() == records.size()) {
			return 0;
		}
		long before = Files.size(segment);
		ByteBuffer out = ByteBuffer.allocate(kept.stream().mapToInt(JournalRecord::encodedSize).sum());
		kept.forEach((record) -> record.encodeInto(out));
		out.flip();
		Path aside = segment.resolveSibling(segment.getFileName() + ".compacting");
		try (FileChannel channel = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			while (out.hasRemaining()) {
				channel.write(out);
			}
			channel.force(true);
		}
		Files.move(aside, segment, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		try (FileChannel directoryChannel = FileChannel.open(this.directory, StandardOpenOption.READ)) {
			directoryChannel.force(true);
		}
		this.dropped.get(victim).addAndGet(records.size() - kept.size());
		long freed = before - Files.size(segment);
		this.sealedBytes.addAndGet(-freed);
		logger.warn("Journal over its disk budget: dropped {} {}-priority records from {}",
				records.size() - kept.size(), victim.name().toLowerCase(java.util.Locale.ROOT), segment);
		return freed;
	}

	/**
	 * After a failed write or fsync nothing past the last durable byte can be trusted
	 * (the page cache may hold bytes the disk never got): the file is reopened and cut
	 * there before anything else is written.
	 */
	private void repairIfDamaged() throws IOException {
		if (!this.damaged) {
			return;
		}
		try {
			this.active.close();
		}
		catch (IOException ex) {
			// the channel is replaced either way
		}
		this.active = this.opener.open(segmentPath(this.activeFirst));
		this.active.truncate(this.activeEnd);
		this.active.force(true);
		this.damaged = false;
	}

	private void begin(long first) throws IOException {
		Path file = segmentPath(first);
		this.active = this.opener.open(file);
		this.activeFirst = first;
		this.activeEnd = 0;
		this.segments.put(first, file);
		try (FileChannel directoryChannel = FileChannel.open(this.directory, StandardOpenOption.READ)) {
			directoryChannel.force(true);
		}
	}

	private Path segmentPath(long first) {
		return this.directory.resolve(String.format("%020d%s", first, SUFFIX));
	}

	private static long firstSequence(Path file) throws IOException {
		String name = file.getFileName().toString();
		try {
			return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
		}
		catch (NumberFormatException ex) {
			throw new IOException(file + " is not a journal segment", ex);
		}
	}

	private record Pending(Priority priority, byte[] payload, CompletableFuture<Long> done) {
	}

}
