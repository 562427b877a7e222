package io.tidemark.storage.tsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Key comparisons over native and heap segments, and of a segment against an array, order bytes as unsigned, shorter
 * prefixes first.
 */
class TsmSegmentsTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    /** Bytes from a small alphabet with the high bit set in some, so that prefixes and sign errors both show. */
    private static byte[] key(SplittableRandom rnd, byte[] like) {
        int length = rnd.nextInt(40);
        byte[] k = new byte[length];
        for (int i = 0; i < length; i++) {
            // Mostly a copy of the other key, so that comparisons often run deep before they differ.
            k[i] = i < like.length && rnd.nextInt(8) != 0 ? like[i] : (byte) new int[] {0, 1, 'a', 0x7F, 0x80, 0xFF}[
                    rnd.nextInt(6)];
        }
        return k;
    }

    @Test
    void comparesLikeUnsignedByteArraysAtAnyOffsetInEitherKindOfSegment() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nativeSpace = arena.allocate(128);
            for (int round = 0; round < 20_000; round++) {
                byte[] a = key(rnd, new byte[0]);
                byte[] b = key(rnd, a);
                int aAt = rnd.nextInt(16);
                int bAt = 64 + rnd.nextInt(16);
                MemorySegment heap = MemorySegment.ofArray(new byte[128]);
                MemorySegment sa = rnd.nextBoolean() ? nativeSpace : heap;
                MemorySegment sb = rnd.nextBoolean() ? nativeSpace : heap;
                MemorySegment.copy(MemorySegment.ofArray(a), 0, sa, aAt, a.length);
                MemorySegment.copy(MemorySegment.ofArray(b), 0, sb, bAt, b.length);
                int expected = Integer.signum(Arrays.compareUnsigned(a, b));
                assertThat(Integer.signum(TsmSegments.compare(sa, aAt, a.length, sb, bAt, b.length)))
                        .as("seed %d round %d: %s vs %s", SEED, round, Arrays.toString(a), Arrays.toString(b))
                        .isEqualTo(expected);
                assertThat(Integer.signum(TsmSegments.compare(sa, aAt, a.length, b)))
                        .as("seed %d round %d, against the array: %s vs %s", SEED, round, Arrays.toString(a),
                                Arrays.toString(b))
                        .isEqualTo(expected);
            }
        }
    }
}
