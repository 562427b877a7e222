package io.tidemark.storage.tombstone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.fs.FaultyFs;
import io.tidemark.common.fs.RealFs;
import io.tidemark.storage.CorruptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file format, round trips and the recovery policy of {@link TombstoneFile#open}. */
class TombstoneFileTest {
    @TempDir
    Path dir;

    private final FaultyFs fs = new FaultyFs(new RealFs());

    @AfterEach
    void noLeaks() {
        assertThat(fs.openHandles()).as("open handles").isEmpty();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static final List<Tombstone> SAMPLE = List.of(
            new Tombstone(7, TombstoneTarget.measurement("cpu"), null, 0, 100),
            new Tombstone(8, TombstoneTarget.seriesKeys(List.of(utf8("mem,host=b"), utf8("mem,host=a"),
                    utf8("disk\\,x,path=/"))), "used", Long.MIN_VALUE, Long.MAX_VALUE),
            new Tombstone(9, TombstoneTarget.measurement("cpu\\,x"), "usage idle", -5, -5),
            new Tombstone(9, TombstoneTarget.seriesKeys(List.of(utf8("h\u00e9,t=\u00fc"))), "f\u00e9", 1, 2));

    /** Appends {@code ts} to a new file at {@code p}; returns the offset of each entry and the end. */
    private long[] write(Path p, List<Tombstone> ts) throws IOException {
        long[] offsets = new long[ts.size() + 1];
        try (TombstoneFile f = TombstoneFile.open(fs, p)) {
            for (int i = 0; i < ts.size(); i++) {
                offsets[i] = Files.exists(p) ? Files.size(p) : TombstoneFormat.HEADER_BYTES;
                f.append(ts.get(i));
            }
        }
        offsets[ts.size()] = Files.size(p);
        return offsets;
    }

    private List<Tombstone> read(Path p) throws IOException {
        try (TombstoneFile f = TombstoneFile.open(fs, p)) {
            return f.entries();
        }
    }

    @Test
    void aMissingFileIsEmptyAndIsNotCreatedByOpening() throws IOException {
        Path p = dir.resolve("tombstones");
        try (TombstoneFile f = TombstoneFile.open(fs, p)) {
            assertThat(f.entries()).isEmpty();
            assertThat(f.truncatedOnOpen()).isFalse();
            assertThat(f.path()).isEqualTo(p);
        }
        assertThat(p).doesNotExist();
    }

    @Test
    void appendThenOpenRoundTrips() throws IOException {
        Path p = dir.resolve("tombstones");
        try (TombstoneFile f = TombstoneFile.open(fs, p)) {
            f.append(SAMPLE.get(0));
            f.append(SAMPLE.get(1));
            assertThat(f.entries()).containsExactly(SAMPLE.get(0), SAMPLE.get(1));
        }
        try (TombstoneFile f = TombstoneFile.open(fs, p)) {
            assertThat(f.entries()).containsExactly(SAMPLE.get(0), SAMPLE.get(1));
            f.append(SAMPLE.get(2));
            f.append(SAMPLE.get(3));
        }
        assertThat(read(p)).isEqualTo(SAMPLE);
        assertThat(read(p).get(1).target()).isInstanceOfSatisfying(TombstoneTarget.SeriesKeys.class,
                k -> assertThat(k.keys()).containsExactly(utf8("disk\\,x,path=/"), utf8("mem,host=a"),
                        utf8("mem,host=b")));
    }

    @Test
    void createsTheDirectoryWhenMissing() throws IOException {
        Path p = dir.resolve("a/b/tombstones");
        write(p, SAMPLE.subList(0, 1));
        assertThat(read(p)).containsExactly(SAMPLE.get(0));
    }

    /** Pins the encoding: a format change must bump the version and update docs/format/tombstones.md. */
    @Test
    void pinnedBytes() throws IOException {
        Path p = dir.resolve("tombstones");
        write(p, SAMPLE.subList(0, 1));
        byte[] bytes = Files.readAllBytes(p);
        assertThat(bytes).hasSize(56);
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("544d544201000000" // header: "TMTB", version 1
                + "00000028" + "171eecc4" // entry: payload length 40, CRC-32C of length and payload
                + "0000000000000007" // seq 7
                + "0000000000000000" + "0000000000000064" // min time 0, max time 100
                + "01" // target: a measurement
                + "ffffffff" // every field
                + "00000001" + "00000003" + "637075"); // one item of 3 bytes: "cpu"
    }

    @Test
    void tornTailAtEveryOffsetOfTheLastEntryIsTruncated() throws IOException {
        Path full = dir.resolve("full");
        long[] offsets = write(full, SAMPLE);
        byte[] bytes = Files.readAllBytes(full);
        int last = (int) offsets[SAMPLE.size() - 1];
        for (int cut = last; cut < bytes.length; cut++) {
            Path p = dir.resolve("cut-" + cut);
            Files.write(p, Arrays.copyOf(bytes, cut));
            try (TombstoneFile f = TombstoneFile.open(fs, p)) {
                assertThat(f.entries()).as("cut at %d", cut).isEqualTo(SAMPLE.subList(0, SAMPLE.size() - 1));
                assertThat(f.truncatedOnOpen()).as("cut at %d", cut).isEqualTo(cut > last);
                assertThat(Files.size(p)).isEqualTo(last);
                f.append(SAMPLE.getLast());
            }
            assertThat(read(p)).as("appended after cut at %d", cut).isEqualTo(SAMPLE);
        }
    }

    @Test
    void aDamagedOrZeroedLastEntryIsATornTail() throws IOException {
        Path full = dir.resolve("full");
        long[] offsets = write(full, SAMPLE);
        byte[] bytes = Files.readAllBytes(full);
        int last = (int) offsets[SAMPLE.size() - 1];
        for (int at = last; at < bytes.length; at++) {
            byte[] damaged = bytes.clone();
            damaged[at] ^= 0x10;
            Path p = dir.resolve("flip-" + at);
            Files.write(p, damaged);
            assertThat(read(p)).as("flip at %d", at).isEqualTo(SAMPLE.subList(0, SAMPLE.size() - 1));
            assertThat(Files.size(p)).isEqualTo(last);
        }
        byte[] zeroed = bytes.clone();
        Arrays.fill(zeroed, last, zeroed.length, (byte) 0);
        Path p = dir.resolve("zeroed");
        Files.write(p, zeroed);
        assertThat(read(p)).isEqualTo(SAMPLE.subList(0, SAMPLE.size() - 1));
    }

    @Test
    void damageBeforeAnIntactEntryIsReportedWithItsOffset() throws IOException {
        Path full = dir.resolve("full");
        long[] offsets = write(full, SAMPLE);
        byte[] bytes = Files.readAllBytes(full);
        for (int entry = 0; entry < SAMPLE.size() - 1; entry++) {
            for (long at = offsets[entry]; at < offsets[entry + 1]; at++) {
                byte[] damaged = bytes.clone();
                damaged[(int) at] ^= 0x01;
                Path p = dir.resolve("flip-" + at);
                Files.write(p, damaged);
                long expected = offsets[entry];
                assertThatThrownBy(() -> TombstoneFile.open(fs, p)).as("flip at %d", at)
                        .isInstanceOfSatisfying(CorruptionException.class, e -> {
                            assertThat(e.file()).isEqualTo(p);
                            assertThat(e.offset()).isEqualTo(expected);
                        });
                assertThat(Files.readAllBytes(p)).as("left for inspection").isEqualTo(damaged);
            }
        }
    }

    @Test
    void aDamagedHeaderIsCorruption() throws IOException {
        Path full = dir.resolve("full");
        write(full, SAMPLE);
        byte[] bytes = Files.readAllBytes(full);
        long[] expectedOffset = {0, 0, 0, 0, 4, 5, 5, 5};
        for (int at = 0; at < TombstoneFormat.HEADER_BYTES; at++) {
            byte[] damaged = bytes.clone();
            damaged[at] ^= 0x02;
            Path p = dir.resolve("flip-" + at);
            Files.write(p, damaged);
            long expected = expectedOffset[at];
            assertThatThrownBy(() -> TombstoneFile.open(fs, p)).as("flip at %d", at)
                    .isInstanceOfSatisfying(CorruptionException.class, e -> assertThat(e.offset()).isEqualTo(expected));
        }
        Path foreign = dir.resolve("foreign");
        Files.writeString(foreign, "not a tombstone file at all");
        assertThatThrownBy(() -> TombstoneFile.open(fs, foreign)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("not a tombstone file");
    }

    @Test
    void aHeaderTornWhileCreatingIsEmptied() throws IOException {
        byte[] header = TombstoneFormat.header().array();
        for (int n = 1; n <= header.length; n++) {
            Path p = dir.resolve("torn-" + n);
            Files.write(p, Arrays.copyOf(header, n));
            try (TombstoneFile f = TombstoneFile.open(fs, p)) {
                assertThat(f.entries()).isEmpty();
                assertThat(f.truncatedOnOpen()).isEqualTo(n < header.length);
                f.append(SAMPLE.get(0));
            }
            assertThat(read(p)).containsExactly(SAMPLE.get(0));
        }
        Path zeros = dir.resolve("zeros");
        Files.write(zeros, new byte[100]);
        assertThat(read(zeros)).isEmpty();
        assertThat(Files.size(zeros)).isZero();
    }

    @Test
    void aValidChecksumOverAnInvalidPayloadIsCorruption() throws IOException {
        Path p = dir.resolve("tombstones");
        write(p, SAMPLE.subList(0, 1));
        byte[] bytes = Files.readAllBytes(p);
        int kindAt = TombstoneFormat.HEADER_BYTES + TombstoneFormat.ENTRY_HEADER_BYTES + 24;
        bytes[kindAt] = 9;
        byte[] entry = Arrays.copyOfRange(bytes, TombstoneFormat.HEADER_BYTES, bytes.length);
        int crc = TombstoneFormat.checksum(new CRC32C(), entry, 0, entry.length - TombstoneFormat.ENTRY_HEADER_BYTES);
        ByteBuffer.wrap(bytes).putInt(TombstoneFormat.HEADER_BYTES + 4, crc);
        Files.write(p, bytes);
        assertThatThrownBy(() -> TombstoneFile.open(fs, p)).isInstanceOfSatisfying(CorruptionException.class, e -> {
            assertThat(e.offset()).isEqualTo(TombstoneFormat.HEADER_BYTES);
            assertThat(e).hasMessageContaining("not a tombstone").hasMessageContaining("unknown target kind 9");
        });
    }

    @Test
    void rewriteKeepsOnlyTheGivenEntriesAndAppendsContinue() throws IOException {
        Path p = dir.resolve("tombstones");
        write(p, SAMPLE);
        try (TombstoneFile f = TombstoneFile.open(fs, p)) {
            f.rewrite(List.of(SAMPLE.get(1), SAMPLE.get(3)));
            assertThat(f.entries()).containsExactly(SAMPLE.get(1), SAMPLE.get(3));
            f.append(SAMPLE.get(0));
        }
        assertThat(read(p)).containsExactly(SAMPLE.get(1), SAMPLE.get(3), SAMPLE.get(0));
        assertThat(dir.resolve("tombstones" + TombstoneFormat.TEMPORARY_SUFFIX)).doesNotExist();
    }

    @Test
    void rewriteWithNothingDeletesTheFile() throws IOException {
        Path p = dir.resolve("tombstones");
        try (TombstoneFile f = TombstoneFile.open(fs, p)) {
            f.append(SAMPLE.get(0));
            f.rewrite(List.of());
            assertThat(f.entries()).isEmpty();
            assertThat(p).doesNotExist();
            f.rewrite(List.of());
            f.append(SAMPLE.get(1));
        }
        assertThat(read(p)).containsExactly(SAMPLE.get(1));
    }

    @Test
    void openDeletesALeftoverTemporaryFile() throws IOException {
        Path p = dir.resolve("tombstones");
        write(p, SAMPLE.subList(0, 2));
        Path tmp = dir.resolve("tombstones" + TombstoneFormat.TEMPORARY_SUFFIX);
        Files.write(tmp, new byte[] {1, 2, 3});
        assertThat(read(p)).isEqualTo(SAMPLE.subList(0, 2));
        assertThat(tmp).doesNotExist();
    }

    @Test
    void closedFileRefusesCalls() throws IOException {
        TombstoneFile f = TombstoneFile.open(fs, dir.resolve("tombstones"));
        f.close();
        f.close();
        assertThatThrownBy(() -> f.append(SAMPLE.get(0))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> f.rewrite(List.of())).isInstanceOf(IllegalStateException.class);
    }
}
