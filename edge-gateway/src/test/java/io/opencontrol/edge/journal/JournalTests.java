package io.opencontrol.edge.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JournalTests {

	private static final int MAX_RECORD = 64 * 1024;

	private static final int SMALL_RECORD = 64;

	@TempDir
	Path directory;

	@Test
	void appendedRecordsSurviveReopeningInOrder() throws IOException {
		try (Journal journal = open(ChannelOpener.FILES, 1 << 20)) {
			for (int i = 1; i <= 5; i++) {
				assertThat(journal.append(Priority.NORMAL, text("r" + i))).isEqualTo(i);
			}
		}
		try (Journal journal = open(ChannelOpener.FILES, 1 << 20)) {
			assertThat(payloads(journal.readAfter(0, 100))).containsExactly("r1", "r2", "r3", "r4", "r5");
			assertThat(journal.readAfter(3, 100)).extracting(JournalRecord::sequence).containsExactly(4L, 5L);
			assertThat(journal.append(Priority.HIGH, text("r6"))).isEqualTo(6);
		}
	}

	@Test
	void aJournalKeepsItsIdentityAndANewDirectoryGetsAnother() throws IOException {
		java.util.UUID first;
		try (Journal journal = open(ChannelOpener.FILES, 1 << 20)) {
			first = journal.id();
		}
		try (Journal journal = open(ChannelOpener.FILES, 1 << 20)) {
			assertThat(journal.id()).isEqualTo(first);
		}
		this.directory = this.directory.resolve("wiped");
		try (Journal journal = open(ChannelOpener.FILES, 1 << 20)) {
			assertThat(journal.id()).isNotEqualTo(first);
		}
	}

	@Test
	void aTornTailIsCutAndWritingContinuesAfterTheLastWholeRecord() throws IOException {
		try (Journal journal = open(ChannelOpener.FILES, 1 << 20)) {
			journal.append(Priority.NORMAL, text("one"));
			journal.append(Priority.NORMAL, text("two"));
		}
		Path segment = onlySegment();
		long whole = Files.size(segment);
		// A crash in the middle of a third record: its header and part of its body.
		byte[] third = encoded(3, "three, never acknowledged");
		Files.write(segment, java.util.Arrays.copyOf(third, third.length - 5), StandardOpenOption.APPEND);

		try (Journal journal = open(ChannelOpener.FILES, 1 << 20)) {
			assertThat(Files.size(segment)).isEqualTo(whole);
			assertThat(payloads(journal.readAfter(0, 100))).containsExactly("one", "two");
			assertThat(journal.append(Priority.NORMAL, text("three"))).isEqualTo(3);
		}
		try (Journal journal = open(ChannelOpener.FILES, 1 << 20)) {
			assertThat(payloads(journal.readAfter(0, 100))).containsExactly("one", "two", "three");
		}
	}

	@Test
	void aRecordFailingItsChecksumEndsWhatIsRead() throws IOException {
		try (Journal journal = open(ChannelOpener.FILES, 1 << 20)) {
			journal.append(Priority.NORMAL, text("first"));
			journal.append(Priority.NORMAL, text("second"));
		}
		Path segment = onlySegment();
		byte[] bytes = Files.readAllBytes(segment);
		bytes[bytes.length - 2] ^= 0x40; // one bit of the second payload
		Files.write(segment, bytes);

		try (Journal journal = open(ChannelOpener.FILES, 1 << 20)) {
			assertThat(payloads(journal.readAfter(0, 100))).containsExactly("first");
			assertThat(journal.append(Priority.NORMAL, text("second again"))).isEqualTo(2);
		}
	}

	@Test
	void segmentsRollOverAndConfirmedOnesAreDeleted() throws IOException {
		try (Journal journal = open(ChannelOpener.FILES, 100)) {
			for (int i = 1; i <= 20; i++) {
				journal.append(Priority.NORMAL, text("record " + i));
			}
			assertThat(segments()).hasSizeGreaterThanOrEqualTo(4);
			assertThat(journal.diskBytes()).isEqualTo(segmentBytesOnDisk());
			journal.acknowledge(15);
			assertThat(journal.diskBytes()).isEqualTo(segmentBytesOnDisk());
			assertThat(journal.readAfter(journal.forwardedUpTo(), 100)).extracting(JournalRecord::sequence)
				.containsExactly(16L, 17L, 18L, 19L, 20L);
			// Every segment left holds a record not yet confirmed.
			assertThat(segments()).allSatisfy((segment) -> assertThat(lastSequenceIn(segment)).isGreaterThan(15));
		}
		try (Journal journal = open(ChannelOpener.FILES, 100)) {
			assertThat(journal.diskBytes()).isEqualTo(segmentBytesOnDisk());
			assertThat(journal.forwardedUpTo()).isEqualTo(15);
			assertThat(journal.lastSequence()).isEqualTo(20);
			assertThat(journal.append(Priority.NORMAL, text("record 21"))).isEqualTo(21);
		}
	}

	@Test
	void everythingConfirmedLeavesOneEmptySegmentAndSequencesGoOn() throws IOException {
		try (Journal journal = open(ChannelOpener.FILES, 64)) {
			for (int i = 1; i <= 6; i++) {
				journal.append(Priority.NORMAL, text("r" + i));
			}
			journal.acknowledge(6);
		}
		try (Journal journal = open(ChannelOpener.FILES, 64)) {
			assertThat(journal.readAfter(journal.forwardedUpTo(), 10)).isEmpty();
			assertThat(journal.append(Priority.NORMAL, text("r7"))).isEqualTo(7);
		}
	}

	@Test
	void aFullDiskStopsAcknowledgementsKeepsWhatWasAcknowledgedAndWritingResumes() throws IOException {
		FaultyDisk disk = new FaultyDisk();
		try (Journal journal = open(disk, 1 << 20)) {
			journal.append(Priority.NORMAL, text("kept 1"));
			journal.append(Priority.NORMAL, text("kept 2"));
			disk.full = true;
			assertThatExceptionOfType(JournalUnavailable.class)
				.isThrownBy(() -> journal.append(Priority.NORMAL, text("refused")))
				.withMessageContaining("No space left on device");
			assertThatExceptionOfType(JournalUnavailable.class)
				.isThrownBy(() -> journal.append(Priority.NORMAL, text("refused too")));
			disk.full = false;
			assertThat(journal.append(Priority.NORMAL, text("kept 3"))).isEqualTo(3);
		}
		try (Journal journal = open(ChannelOpener.FILES, 1 << 20)) {
			assertThat(payloads(journal.readAfter(0, 100))).containsExactly("kept 1", "kept 2", "kept 3");
		}
	}

	@Test
	void aFailedFsyncIsNeverAcknowledgedAndItsBytesAreCut() throws IOException {
		FaultyDisk disk = new FaultyDisk();
		try (Journal journal = open(disk, 1 << 20)) {
			journal.append(Priority.NORMAL, text("kept 1"));
			disk.fsyncFails = true;
			assertThatExceptionOfType(JournalUnavailable.class)
				.isThrownBy(() -> journal.append(Priority.NORMAL, text("written, not durable")));
			disk.fsyncFails = false;
			assertThat(journal.append(Priority.NORMAL, text("kept 2"))).isEqualTo(2);
		}
		try (Journal journal = open(ChannelOpener.FILES, 1 << 20)) {
			assertThat(payloads(journal.readAfter(0, 100))).containsExactly("kept 1", "kept 2");
		}
	}

	@Test
	void overTheDiskBudgetTheOldestLowPriorityRecordsGoFirst() throws IOException {
		List<Long> normal = new ArrayList<>();
		List<Long> low = new ArrayList<>();
		try (Journal journal = small(1200)) {
			for (int i = 0; i < 60; i++) {
				if (i % 2 == 0) {
					normal.add(journal.append(Priority.NORMAL, text("normal " + i)));
				}
				else {
					low.add(journal.append(Priority.LOW, text("low " + i)));
				}
				assertThat(journal.diskBytes()).isLessThanOrEqualTo(1200).isEqualTo(segmentBytesOnDisk());
			}
			assertThat(journal.dropped(Priority.LOW)).isPositive();
			assertThat(journal.dropped(Priority.NORMAL)).isZero();
			List<Long> kept = journal.readAfter(0, 1000).stream().map(JournalRecord::sequence).toList();
			assertThat(kept).containsAll(normal).isSorted();
			// The low-priority records left are the newest ones.
			List<Long> keptLow = kept.stream().filter(low::contains).toList();
			assertThat(keptLow).isEqualTo(low.subList(low.size() - keptLow.size(), low.size()));
		}
		try (Journal journal = small(1200)) {
			assertThat(journal.readAfter(0, 1000)).extracting(JournalRecord::sequence).containsAll(normal).isSorted();
			assertThat(journal.append(Priority.NORMAL, text("after reopening"))).isEqualTo(61);
		}
	}

	@Test
	void highPriorityRecordsAreNeverDroppedAppendsAreRefusedUntilTheCloudConfirms() throws IOException {
		try (Journal journal = small(600)) {
			long last = 0;
			while (true) {
				try {
					last = journal.append(Priority.HIGH, text("high " + last));
				}
				catch (JournalUnavailable full) {
					assertThat(full).hasMessageContaining("disk budget");
					break;
				}
			}
			assertThat(journal.readAfter(0, 1000)).hasSize((int) last);
			journal.acknowledge(last / 2);
			assertThat(journal.append(Priority.HIGH, text("room again"))).isEqualTo(last + 1);
			assertThat(journal.dropped(Priority.HIGH)).isZero();
		}
	}

	@Test
	void concurrentAppendsGetConsecutiveSequencesAndShareFsyncs() throws Exception {
		FaultyDisk disk = new FaultyDisk();
		int threads = 8;
		int each = 200;
		try (Journal journal = open(disk, 1 << 20)) {
			int fsyncsBefore = disk.fsyncs.get();
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			List<Future<List<Long>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				results.add(pool.submit(() -> {
					List<Long> sequences = new ArrayList<>();
					for (int i = 0; i < each; i++) {
						sequences.add(journal.append(Priority.NORMAL, text(thread + ":" + i)));
					}
					return sequences;
				}));
			}
			List<Long> all = new ArrayList<>();
			for (Future<List<Long>> result : results) {
				List<Long> sequences = result.get();
				assertThat(sequences).isSorted();
				all.addAll(sequences);
			}
			pool.shutdown();
			assertThat(all).hasSize(threads * each)
				.doesNotHaveDuplicates()
				.allSatisfy((sequence) -> assertThat(sequence).isBetween(1L, (long) threads * each));
			assertThat(disk.fsyncs.get() - fsyncsBefore).isLessThan(threads * each);
			List<JournalRecord> stored = journal.readAfter(0, threads * each);
			assertThat(stored).extracting(JournalRecord::sequence).isSorted().hasSize(threads * each);
		}
	}

	@Test
	void aRecordLargerThanAllowedIsRefusedBeforeItIsWritten() throws IOException {
		try (Journal journal = open(ChannelOpener.FILES, 1 << 20)) {
			assertThatExceptionOfType(RecordTooLarge.class)
				.isThrownBy(() -> journal.append(Priority.NORMAL, new byte[MAX_RECORD]));
			assertThat(journal.lastSequence()).isZero();
		}
	}

	private Journal open(ChannelOpener opener, long segmentBytes) throws IOException {
		return open(opener, segmentBytes, 1L << 30);
	}

	private Journal open(ChannelOpener opener, long segmentBytes, long budget) throws IOException {
		return Journal.open(new JournalProperties(this.directory, DataSize.ofBytes(segmentBytes),
				DataSize.ofBytes(MAX_RECORD), DataSize.ofBytes(budget)), opener);
	}

	private Journal small(long budget) throws IOException {
		return Journal.open(new JournalProperties(this.directory, DataSize.ofBytes(100), DataSize.ofBytes(SMALL_RECORD),
				DataSize.ofBytes(budget)), ChannelOpener.FILES);
	}

	private long segmentBytesOnDisk() throws IOException {
		long bytes = 0;
		for (Path segment : segments()) {
			bytes += Files.size(segment);
		}
		return bytes;
	}

	private Path onlySegment() throws IOException {
		List<Path> segments = segments();
		assertThat(segments).hasSize(1);
		return segments.get(0);
	}

	private List<Path> segments() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> file.toString().endsWith(".seg")).sorted().toList();
		}
	}

	private static long lastSequenceIn(Path segment) throws IOException {
		String name = segment.getFileName().toString();
		long first = Long.parseLong(name.substring(0, name.indexOf('.')));
		return first + SegmentScan.of(segment, first, MAX_RECORD).records().size() - 1;
	}

	private static byte[] encoded(long sequence, String payload) {
		JournalRecord record = new JournalRecord(sequence, Priority.NORMAL, text(payload));
		java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(record.encodedSize());
		record.encodeInto(out);
		return out.array();
	}

	private static byte[] text(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static List<String> payloads(List<JournalRecord> records) {
		return records.stream().map((record) -> new String(record.payload(), StandardCharsets.UTF_8)).toList();
	}

}
