package io.tidemark.storage.encoding;

import java.util.Arrays;
import java.util.Objects;

/**
 * The encoder shared by timestamps, integers and unsigned integers: the {@link Encoding.Family#LONG} encodings.
 * Differences between neighbours are computed with wrapping arithmetic, so any sequence round-trips, sorted or not;
 * the encodings are chosen for sorted timestamps and slowly moving values.
 *
 * <p>Choice: a lone value as {@link Encoding#LONG_DELTA} without deltas (or raw if that is no larger); one constant
 * step ({@link Encoding#LONG_RLE}, or {@link Encoding#LONG_DELTA} for two values one step wider than 56 bits apart,
 * which simple8b's 8-byte word holds in less than the step's varint); otherwise the smallest of zig-zag deltas and
 * zig-zag deltas of deltas, each packed with simple8b or Huffman coded (all after dividing the deltas by the largest
 * power of ten, up to 10^15, that divides them all, as InfluxDB does for timestamps), sizes computed exactly before anything is written; on a tie the
 * earlier of {@link Encoding#LONG_DELTA}, {@link Encoding#LONG_DELTA_OF_DELTA}, {@link Encoding#LONG_DELTA_HUFFMAN},
 * {@link Encoding#LONG_DELTA_OF_DELTA_HUFFMAN} wins (simple8b decodes faster); {@link Encoding#LONG_RAW} when nothing
 * is smaller. Not thread-safe: keeps scratch arrays.
 */
final class LongColumnEncoder {
    static final long[] POW10 = new long[16];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** Zig-zag scaled deltas of the prepared values; count - 1 of them. */
    private long[] deltas = new long[0];
    /** [0] unused; then zig-zag differences of consecutive scaled deltas; count - 2 of them. */
    private long[] deltasOfDeltas = new long[0];
    private int scale;
    private boolean constantStep;
    private final HuffmanMagnitudeEncoder huffman = new HuffmanMagnitudeEncoder();
    /** Whether {@link #huffman} holds the code it sized for {@link #deltas} since the last {@link #prepare}. */
    private boolean huffmanHoldsDeltas;
    private final BitWriter bitWriter = new BitWriter();

    void encode(long[] values, int from, int count, ByteSink dst) {
        prepare(values, from, count);
        if (count == 0) {
            write(Encoding.LONG_RAW, values, from, count, dst);
        } else if (count == 1) {
            // DELTA with no deltas is RLE without its step; a value of 8 or more varint bytes is no dearer raw.
            write(varintSize(ZigZag.encode(values[from])) >= 8 ? Encoding.LONG_RAW : Encoding.LONG_DELTA, values,
                    from, count, dst);
        } else if (constantStep) {
            // The step as a varint, unless two values make one step wider than 56 bits: simple8b's 8-byte word
            // then holds it in less than its 9 or 10 bytes (two steps already take two words). As below: RAW when
            // the first value and the step take as many bytes as the values (two huge ones).
            long stepBytes = varintSize(deltas[0]);
            boolean oneWideStep = count == 2 && stepBytes > 8
                    && Long.compareUnsigned(deltas[0], Simple8b.MAX_VALUE) <= 0;
            Encoding best = oneWideStep ? Encoding.LONG_DELTA : Encoding.LONG_RLE;
            long bodyBytes = oneWideStep ? 8 : stepBytes;
            long firstValue = varintSize(ZigZag.encode(values[from]));
            write(firstValue + bodyBytes >= 8L * count ? Encoding.LONG_RAW : best, values, from, count, dst);
        } else {
            // Here count >= 3: two values always make one constant step. The Huffman sizes are computed exactly
            // (deltas last, so the code of the likelier winner is still built when it is written); a simple8b size
            // only where a lower bound leaves it a chance to be the smallest, so the choice is the one an exact
            // size of every candidate would make.
            int n = count - 1;
            long firstDelta = varintSize(deltas[0]);
            long huffmanDodBytes = firstDelta + bytes(huffman.sizeInBits(deltasOfDeltas, 1, n - 1));
            long huffmanBytes = bytes(huffman.sizeInBits(deltas, 0, n));
            huffmanHoldsDeltas = true;
            long smallestHuffman = Math.min(huffmanBytes, huffmanDodBytes);
            long deltaBytes = simple8bBytes(deltas, 0, n, smallestHuffman);
            long dodBytes = simple8bBytes(deltasOfDeltas, 1, n - 1, smallestHuffman - firstDelta);
            Encoding best = null;
            long bestBytes = Long.MAX_VALUE;
            if (deltaBytes != Long.MAX_VALUE) {
                best = Encoding.LONG_DELTA;
                bestBytes = deltaBytes;
            }
            if (dodBytes != Long.MAX_VALUE && firstDelta + dodBytes < bestBytes) {
                best = Encoding.LONG_DELTA_OF_DELTA;
                bestBytes = firstDelta + dodBytes;
            }
            if (huffmanBytes < bestBytes) {
                best = Encoding.LONG_DELTA_HUFFMAN;
                bestBytes = huffmanBytes;
            }
            if (huffmanDodBytes < bestBytes) {
                best = Encoding.LONG_DELTA_OF_DELTA_HUFFMAN;
                bestBytes = huffmanDodBytes;
            }
            // Every candidate starts with the header, the count and the first value; RAW with the first two.
            long firstValue = varintSize(ZigZag.encode(values[from]));
            write(firstValue + bestBytes >= 8L * count ? Encoding.LONG_RAW : best, values, from, count, dst);
        }
    }

    /**
     * Appends the values in the given encoding, whatever it costs: for measurements and tests.
     *
     * @throws IllegalArgumentException if the values cannot be written that way
     */
    void encodeAs(Encoding encoding, long[] values, int from, int count, ByteSink dst) {
        if (encoding.family() != Encoding.Family.LONG) {
            throw new IllegalArgumentException(encoding + " is not an encoding of integers");
        }
        prepare(values, from, count);
        int n = count - 1;
        boolean possible = switch (encoding) {
            case LONG_RAW -> true;
            case LONG_RLE -> count > 0 && constantStep;
            case LONG_DELTA -> count > 0 && Simple8b.canPack(deltas, 0, n);
            case LONG_DELTA_OF_DELTA -> count > 1 && Simple8b.canPack(deltasOfDeltas, 1, n - 1);
            case LONG_DELTA_HUFFMAN -> count > 0;
            case LONG_DELTA_OF_DELTA_HUFFMAN -> count > 1;
            default -> false;
        };
        if (!possible) {
            throw new IllegalArgumentException("cannot encode these " + count + " values as " + encoding);
        }
        write(encoding, values, from, count, dst);
    }

    /**
     * The bytes simple8b packs {@code values[from, from + count)} into, or {@link Long#MAX_VALUE} if it cannot pack
     * them or they would take more than {@code bound} bytes. The bound is checked first against what no packing can
     * beat: every word holds values of at most 60 bits in all (and at most 240 values).
     */
    static long simple8bBytes(long[] values, int from, int count, long bound) {
        long any = 0;
        long widths = 0;
        for (int i = from, end = from + count; i < end; i++) {
            long v = values[i];
            any |= v;
            widths += 64 - Long.numberOfLeadingZeros(v);
        }
        if (Long.compareUnsigned(any, Simple8b.MAX_VALUE) > 0) {
            return Long.MAX_VALUE; // some value is wider than 60 bits
        }
        long fewestWords = Math.max((widths + 59) / 60, (count + Simple8b.MAX_PER_WORD - 1) / Simple8b.MAX_PER_WORD);
        if (8 * fewestWords > bound) {
            return Long.MAX_VALUE;
        }
        return 8L * Simple8b.wordCount(values, from, count);
    }

    private void prepare(long[] values, int from, int count) {
        huffmanHoldsDeltas = false;
        if (count < 0 || count > Encoding.MAX_VALUES) {
            throw new IllegalArgumentException("cannot encode " + count + " values: at most " + Encoding.MAX_VALUES);
        }
        Objects.checkFromIndexSize(from, count, values.length);
        int n = Math.max(0, count - 1);
        if (deltas.length < n) {
            deltas = new long[Math.max(n, deltas.length * 2)];
            deltasOfDeltas = new long[deltas.length];
        }
        long step = n == 0 ? 0 : values[from + 1] - values[from];
        // Any bit set once a delta differs from the first, without a comparison a column of irregular values would
        // first take as a trap that throws the compiled encoder away.
        long varies = 0;
        for (int i = 0; i < n; i++) {
            long d = values[from + i + 1] - values[from + i];
            deltas[i] = d;
            varies |= d ^ step;
        }
        boolean constant = varies == 0;
        scale = decimalScale(deltas, n);
        constantStep = constant;
        long divisor = POW10[scale];
        if (constant && n > 0) {
            // Regular timestamps: one division instead of one per value.
            long sd = step / divisor;
            Arrays.fill(deltas, 0, n, ZigZag.encode(sd));
            deltasOfDeltas[0] = ZigZag.encode(sd);
            Arrays.fill(deltasOfDeltas, 1, n, 0L);
            return;
        }
        // One loop per case rather than a test of the scale at each step: the JIT took that test out of the loop on
        // the first columns' profile (no scale) and compiled this method again when a scaled column came.
        long previous = 0;
        if (scale == 0) {
            for (int i = 0; i < n; i++) {
                long d = deltas[i];
                deltasOfDeltas[i] = ZigZag.encode(d - previous);
                previous = d;
                deltas[i] = ZigZag.encode(d);
            }
            return;
        }
        long lastDelta = 0;
        long lastScaled = 0;
        for (int i = 0; i < n; i++) {
            // A 64-bit division is slow: skip it when the delta repeats.
            long d = deltas[i];
            long sd;
            if (d == lastDelta) {
                sd = lastScaled;
            } else {
                sd = d / divisor;
                lastDelta = d;
                lastScaled = sd;
            }
            deltasOfDeltas[i] = ZigZag.encode(sd - previous);
            previous = sd;
            deltas[i] = ZigZag.encode(sd);
        }
    }

    /** Writes a prepared column; the encoding must be possible for it. */
    private void write(Encoding encoding, long[] values, int from, int count, ByteSink dst) {
        int n = count - 1;
        switch (encoding) {
            case LONG_RAW -> {
                dst.put(Encoding.LONG_RAW.header(0));
                dst.putUvarint(count);
                dst.ensureCapacity(8 * count);
                for (int i = 0; i < count; i++) {
                    dst.putLongLE(values[from + i]);
                }
            }
            case LONG_RLE -> {
                writePrefix(encoding, n == 0 ? 0 : scale, count, values[from], dst);
                dst.putUvarint(n == 0 ? 0 : deltas[0]);
            }
            case LONG_DELTA -> {
                writePrefix(encoding, scale, count, values[from], dst);
                Simple8b.pack(deltas, 0, n, dst);
            }
            case LONG_DELTA_OF_DELTA -> {
                writePrefix(encoding, scale, count, values[from], dst);
                dst.putUvarint(deltas[0]);
                Simple8b.pack(deltasOfDeltas, 1, n - 1, dst);
            }
            case LONG_DELTA_HUFFMAN -> {
                writePrefix(encoding, scale, count, values[from], dst);
                if (n > 0) {
                    if (huffmanHoldsDeltas) {
                        huffman.writeBuilt(deltas, 0, n, bitWriter.of(dst));
                    } else {
                        huffman.write(deltas, 0, n, bitWriter.of(dst));
                    }
                    bitWriter.finish();
                }
            }
            case LONG_DELTA_OF_DELTA_HUFFMAN -> {
                writePrefix(encoding, scale, count, values[from], dst);
                dst.putUvarint(deltas[0]);
                if (n > 1) {
                    huffman.write(deltasOfDeltas, 1, n - 1, bitWriter.of(dst));
                    bitWriter.finish();
                }
            }
            default -> throw new IllegalStateException("BUG: " + encoding + " is not a long encoding");
        }
    }

    private static void writePrefix(Encoding encoding, int scale, int count, long first, ByteSink dst) {
        dst.put(encoding.header(scale));
        dst.putUvarint(count);
        dst.putVarint(first);
    }

    /** The largest k <= 15 such that 10^k divides every one of {@code deltas[0, n)}; 0 if they are all 0. */
    static int decimalScale(long[] deltas, int n) {
        int k = POW10.length - 1;
        boolean anyNonZero = false;
        // Equal deltas divide alike: a delta that repeats the last one checked costs no division.
        long checked = 0;
        for (int i = 0; i < n && k > 0; i++) {
            long d = deltas[i];
            if (d != 0 && d != checked) {
                checked = d;
                anyNonZero = true;
                while (k > 0 && d % POW10[k] != 0) {
                    k--;
                }
            }
        }
        return anyNonZero ? k : 0;
    }

    private static long bytes(long bits) {
        return (bits + 7) >>> 3;
    }

    private static int varintSize(long u) {
        return Math.max(1, (64 - Long.numberOfLeadingZeros(u) + 6) / 7);
    }
}
