package io.tidemark.storage.encoding;

import java.util.Arrays;

/**
 * Reads what {@link HuffmanMagnitudeEncoder} wrote: the code table, then one canonical code per value, each followed
 * by the value's bits below its top one. Codes are decoded with one lookup in a table indexed by the next
 * {@code maxLength} bits of the stream (at most 2^12 entries, rebuilt per column), and, in columns of many values,
 * runs of up to three short codes of direct values with one lookup in a second table of the next 8 bits. The table is
 * checked before use:
 * symbols in range, code lengths at most 12, lengths that do not oversubscribe the code space (the Kraft inequality),
 * so every code fits the lookup table; bits that start no code, and streams that end early, are
 * {@link MalformedEncodingException}s. The tables grow to what the largest column needs and are reused: nothing is
 * allocated per call once they have. Not thread-safe; one per decoder.
 */
final class HuffmanMagnitudeDecoder {
    private static final int MAX_CODE_LENGTH = HuffmanAlphabet.MAX_CODE_LENGTH;

    /** The code length of each symbol of the current table (0: unused); bytes, as a cursor's decoder is kept. */
    private final byte[] lengths = new byte[HuffmanAlphabet.SYMBOLS];
    /**
     * Indexed by the next maxLength bits: symbol << 4 | code length, or 0 where those bits start no code. Grown to
     * what a column's longest code needs (16 KB at most): a query over many series holds a decoder in each series'
     * cursor, and columns of a few values have short codes.
     */
    private int[] lookup = new int[0];
    /** The longest code of the current table: {@link #lookup} is indexed by that many bits. */
    private int tableBits;
    private final HuffmanAlphabet.CodeSink fillLookup = (symbol, length, code) -> {
        int spread = tableBits - length;
        int start = code << spread;
        Arrays.fill(lookup, start, start + (1 << spread), symbol << 4 | length);
    };
    /**
     * Indexed by the next {@value #RUN_BITS} bits (fewer if the longest code is shorter): the values (below 16,
     * four bits each, from bit 8) of the one to three codes of direct values those bits hold in full, their number
     * (bits 4-5) and their total length (bits 0-3); 0 where the first code is not of a direct value. The slowly moving
     * integers and timestamps the Huffman encodings are chosen for are mostly such values of two to four bits, so
     * one lookup decodes two or three of them.
     */
    private int[] runs = new int[0];
    private static final int RUN_BITS = 8;
    /** A column of fewer values is decoded a code at a time: building {@link #runs} would cost more than it saves. */
    private static final int MIN_VALUES_FOR_RUNS = 128;

    // The read position while the table is read. The next bits of the stream are the top `available` bits of
    // `buffer`; the bits below them are zero or the stream's next bits (a refill may bring part of a byte early).
    private byte[] src;
    private int pos;
    private int limit;
    private long buffer;
    private int available;

    /**
     * Refuses a column that claims more Huffman-coded values than its bytes can hold (every code takes at least one
     * bit), before its decoder allocates room for them.
     */
    static void checkRoom(long codes, ByteReader in, int countAt) throws MalformedEncodingException {
        if (codes > 8L * in.remaining()) {
            throw new MalformedEncodingException(countAt, "value count: " + codes + " Huffman codes cannot fit in "
                    + in.remaining() + " bytes");
        }
    }

    /**
     * Decodes {@code count} (at least 1) values from the stream that starts at {@code src[offset]} into
     * {@code dst[at, at + count)}, reading no byte at or after {@code limit}.
     *
     * @return the index just past the last byte of the stream (its last bits are padding)
     */
    int decode(byte[] src, int offset, int limit, int count, long[] dst, int at) throws MalformedEncodingException {
        this.src = src;
        this.pos = offset;
        this.limit = limit;
        this.buffer = 0;
        this.available = 0;
        int maxLength = readTable(offset);
        int runBits = 0;
        if (count >= MIN_VALUES_FOR_RUNS) {
            runBits = Math.min(maxLength, RUN_BITS);
            buildRuns(maxLength, runBits);
        }
        return decodeValues(offset, maxLength, runBits, count, dst, at);
    }

    /** Fills {@link #runs} for the {@code runBits} next bits, from the lookup table of {@code maxLength} bits. */
    private void buildRuns(int maxLength, int runBits) {
        int spread = maxLength - runBits;
        int mask = (1 << runBits) - 1;
        if (runs.length <= mask) {
            runs = new int[1 << RUN_BITS];
        }
        for (int bits = 0; bits <= mask; bits++) {
            int run = 0;
            int used = 0;
            int n = 0;
            while (n < 3) {
                int entry = lookup[((bits << used) & mask) << spread];
                int length = entry & 0xF;
                int symbol = entry >>> 4;
                if (length == 0 || used + length > runBits || symbol >= HuffmanAlphabet.DIRECT) {
                    break;
                }
                run |= symbol << (8 + 4 * n);
                used += length;
                n++;
            }
            runs[bits] = n == 0 ? 0 : run | n << 4 | used;
        }
    }

    /** Reads the code table and builds the lookup table; returns the longest code length. */
    private int readTable(int offset) throws MalformedEncodingException {
        int first = (int) bits(HuffmanAlphabet.SYMBOL_BITS);
        int last = (int) bits(HuffmanAlphabet.SYMBOL_BITS);
        if (first > last || last >= HuffmanAlphabet.SYMBOLS) {
            throw new MalformedEncodingException(offset, "Huffman table of symbols " + first + " to " + last);
        }
        Arrays.fill(lengths, first, last + 1, (byte) 0);
        long kraft = 0;
        int maxLength = 0;
        for (int s = first; s <= last; ) {
            int length = (int) bits(HuffmanAlphabet.LENGTH_BITS);
            if (length == 0) {
                int run = (int) bits(HuffmanAlphabet.RUN_BITS);
                // The encoder never starts or ends a table with unused symbols.
                if (s == first || s + run >= last) {
                    throw new MalformedEncodingException(position(), "unused Huffman symbols " + s + " to "
                            + (s + run) + " at an end of the table " + first + " to " + last);
                }
                s += 1 + run;
            } else {
                if (length > MAX_CODE_LENGTH) {
                    throw new MalformedEncodingException(position(), "Huffman code of " + length + " bits");
                }
                lengths[s] = (byte) length;
                kraft += 1L << (MAX_CODE_LENGTH - length);
                maxLength = Math.max(maxLength, length);
                s++;
            }
        }
        if (kraft > 1L << MAX_CODE_LENGTH) {
            throw new MalformedEncodingException(offset, "Huffman code lengths oversubscribe the code space");
        }
        if (lookup.length < 1 << maxLength) {
            lookup = new int[1 << maxLength];
        } else {
            Arrays.fill(lookup, 0, 1 << maxLength, 0);
        }
        // Each symbol's code fills the entries of every bit string it starts.
        tableBits = maxLength;
        HuffmanAlphabet.assignCanonicalCodes(lengths, first, last, maxLength, fillLookup);
        return maxLength;
    }

    /** Reads {@code k} bits (1 to 56) while the table is read. */
    private long bits(int k) throws MalformedEncodingException {
        if (available < k) {
            refill();
            if (available < k) {
                throw new MalformedEncodingException(limit, "Huffman table cut short");
            }
        }
        long v = buffer >>> (64 - k);
        buffer <<= k;
        available -= k;
        return v;
    }

    private void refill() {
        if (limit - pos >= 8) {
            buffer |= Long.reverseBytes(ByteReader.longLE(src, pos)) >>> available;
            int bytes = (64 - available) >>> 3;
            pos += bytes;
            available += bytes << 3;
        } else {
            while (available <= 56 && pos < limit) {
                buffer |= (long) (src[pos++] & 0xFF) << (56 - available);
                available += 8;
            }
        }
    }

    private int position() {
        return pos - (available >>> 3);
    }

    /**
     * The hot loop, on local copies of the read position. Refills follow {@link #refill}: 8 bytes at once while that
     * many remain before the limit, byte by byte at the end, so no byte at or after the limit is read.
     */
    private int decodeValues(int offset, int maxLength, int runBits, int count, long[] dst, int at)
            throws MalformedEncodingException {
        final byte[] src = this.src;
        final int limit = this.limit;
        final int[] lookup = this.lookup;
        final int[] runs = this.runs;
        final int shift = 64 - maxLength;
        final int runShift = 64 - runBits;
        // Where a run of up to three values may be written whole: within the values asked for.
        final int runsEnd = runBits == 0 ? at : at + count - 2;
        long buffer = this.buffer;
        int available = this.available;
        int pos = this.pos;
        for (int i = at, end = at + count; i < end; i++) {
            if (available < maxLength) {
                if (limit - pos >= 8) {
                    buffer |= Long.reverseBytes(ByteReader.longLE(src, pos)) >>> available;
                    int bytes = (64 - available) >>> 3;
                    pos += bytes;
                    available += bytes << 3;
                } else {
                    while (available <= 56 && pos < limit) {
                        buffer |= (long) (src[pos++] & 0xFF) << (56 - available);
                        available += 8;
                    }
                }
            }
            if (i < runsEnd) {
                int run = runs[(int) (buffer >>> runShift)];
                int used = run & 0xF;
                // A run decodes only bits read from the stream (0 when its first code is not a direct value).
                if (run != 0 && used <= available) {
                    dst[i] = run >>> 8 & 0xF;
                    dst[i + 1] = run >>> 12 & 0xF;
                    dst[i + 2] = run >>> 16 & 0xF;
                    // The values past the run's are written over by the next codes.
                    i += (run >>> 4 & 3) - 1;
                    buffer <<= used;
                    available -= used;
                    continue;
                }
            }
            int entry = lookup[(int) (buffer >>> shift)];
            int length = entry & 0xF;
            // One unsigned comparison for both: no code (length 0) and a code longer than the bits left.
            if (Integer.compareUnsigned(length - 1, available) >= 0) {
                throw new MalformedEncodingException(length == 0 ? pos - (available >>> 3) : limit,
                        length == 0 ? "bits that start no Huffman code" : "Huffman codes cut short");
            }
            buffer <<= length;
            available -= length;
            int symbol = entry >>> 4;
            if (symbol < HuffmanAlphabet.DIRECT) {
                dst[i] = symbol;
                continue;
            }
            int extra = symbol - (HuffmanAlphabet.DIRECT - 4);
            long low;
            if (extra <= available) {
                low = buffer >>> (64 - extra);
                buffer <<= extra;
                available -= extra;
            } else {
                // Slow path: the value's bits straddle a refill. extra <= 63, so every shift here is below 64.
                int head = available;
                long high = head == 0 ? 0 : buffer >>> (64 - head);
                buffer <<= head;
                available = 0;
                if (limit - pos >= 8) {
                    buffer |= Long.reverseBytes(ByteReader.longLE(src, pos));
                    pos += 8;
                    available = 64;
                } else {
                    while (available <= 56 && pos < limit) {
                        buffer |= (long) (src[pos++] & 0xFF) << (56 - available);
                        available += 8;
                    }
                }
                int rest = extra - head;
                if (rest > available) {
                    throw new MalformedEncodingException(limit, "Huffman-coded value cut short");
                }
                low = high << rest | buffer >>> (64 - rest);
                buffer <<= rest;
                available -= rest;
            }
            dst[i] = 1L << extra | low;
        }
        long consumedBits = 8L * (pos - offset) - available;
        return offset + (int) ((consumedBits + 7) >>> 3);
    }
}
