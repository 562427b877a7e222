package io.tidemark.storage.encoding;

/**
 * The encodings of a column of values. Every encoded column starts with a header byte whose high nibble is the
 * {@link #code()} of its encoding, within the column's {@link Family} (as in InfluxDB's tsm1 encodings); the low
 * nibble is a parameter of the encoding (zero where unused). Code 0 is never used, so a zeroed header is refused.
 * Codes are persisted: never renumber them. Layouts are described in {@code docs/format/tsm.md}.
 */
public enum Encoding {
    /** 8 bytes per value, little-endian: the fallback for values the other long encodings cannot pack. */
    LONG_RAW(Family.LONG, 1),
    /** A first value and one constant delta: regular timestamps, constant or steadily counting values. */
    LONG_RLE(Family.LONG, 2),
    /** Zig-zag deltas packed with simple8b. */
    LONG_DELTA(Family.LONG, 3),
    /** A first delta, then zig-zag deltas of deltas packed with simple8b: near-regular timestamps, counters. */
    LONG_DELTA_OF_DELTA(Family.LONG, 4),
    /**
     * Zig-zag deltas as a canonical Huffman code of their magnitudes, with the code table of the column in front:
     * random walks and noisy gauges, whose deltas take a few values with very unequal frequencies.
     */
    LONG_DELTA_HUFFMAN(Family.LONG, 5),
    /** A first delta, then zig-zag deltas of deltas as in {@link #LONG_DELTA_HUFFMAN}: jittered timestamps. */
    LONG_DELTA_OF_DELTA_HUFFMAN(Family.LONG, 6),
    /** 8 bytes per value: the fallback for floats no other encoding shrinks. */
    FLOAT_RAW(Family.FLOAT, 1),
    /** XOR with the previous value, Gorilla style (Pelkonen et al., VLDB 2015). */
    FLOAT_GORILLA(Family.FLOAT, 2),
    /** XOR with the previous value, Chimp style (Liakos et al., VLDB 2022). */
    FLOAT_CHIMP(Family.FLOAT, 3),
    /** Decimals as scaled integers, ALP style (Afroozeh and Boncz, SIGMOD 2024), with exceptions. */
    FLOAT_DECIMAL(Family.FLOAT, 4),
    /**
     * Differences of the raw bits taken as integers, zig-zag encoded and Huffman coded as in
     * {@link Encoding#LONG_DELTA_HUFFMAN}: for real values that move smoothly (the bits of positive doubles grow with
     * the value, so a small change is a small difference even where an XOR would flip many bits).
     */
    FLOAT_DELTA_HUFFMAN(Family.FLOAT, 5),
    /** One bit per value. */
    BOOLEAN_BITS(Family.BOOLEAN, 1),
    /** Length-prefixed UTF-8 bytes. */
    STRING_PLAIN(Family.STRING, 1),
    /** The plain layout, compressed with zstd. */
    STRING_ZSTD(Family.STRING, 2);

    /** Which kind of column an encoding applies to. Timestamps, integers and unsigned integers share LONG. */
    public enum Family {
        LONG, FLOAT, BOOLEAN, STRING
    }

    /**
     * The most values one encoded column may hold. Decoders refuse larger counts, so damaged input cannot make them
     * allocate more than a few MiB; TSM blocks hold far fewer (1,000 by default).
     */
    public static final int MAX_VALUES = 1 << 20;

    private static final Encoding[] VALUES = values();

    private final Family family;
    private final int code;

    Encoding(Family family, int code) {
        this.family = family;
        this.code = code;
    }

    public Family family() {
        return family;
    }

    /** The 4-bit code in the high nibble of the header byte. */
    public int code() {
        return code;
    }

    /** The header byte of this encoding with {@code parameter} (0 to 15) in its low nibble. */
    int header(int parameter) {
        return code << 4 | parameter;
    }

    /** The encoding of a header byte in a family, or null if the code is not one of that family. */
    public static Encoding of(Family family, int headerByte) {
        int c = (headerByte & 0xFF) >>> 4;
        for (Encoding e : VALUES) {
            if (e.family == family && e.code == c) {
                return e;
            }
        }
        return null;
    }
}
