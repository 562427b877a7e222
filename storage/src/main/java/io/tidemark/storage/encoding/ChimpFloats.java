package io.tidemark.storage.encoding;

/**
 * The body of {@link Encoding#FLOAT_CHIMP}: the XOR scheme of Chimp (Liakos, Papakonstantinopoulou and Kotidis,
 * "Chimp: efficient lossless floating point compression for time series databases", VLDB 2022), written from the
 * paper, without its 128-value history. Leading zeros of the XOR are rounded down to one of
 * {0, 8, 12, 16, 18, 20, 22, 24} (a 3-bit code); the first value takes 64 bits; each next value is written as
 *
 * <pre>
 * '00'                                       the same bits as the previous value
 * '01' lead:3 length:6 centre bits           more than 6 trailing zeros: only the centre bits are kept
 * '10' (64 - lead) bits                      same rounded leading zeros as the last '01' or '11'
 * '11' lead:3 (64 - lead) bits               new rounded leading zeros
 * </pre>
 *
 * Real-valued series have few trailing zeros in their XORs, which is what the '10'/'11' cases exploit. Works on raw
 * bits, so NaN payloads, -0.0 and infinities come back unchanged. Stateless.
 */
final class ChimpFloats {
    private static final int[] LEADING = {0, 8, 12, 16, 18, 20, 22, 24};
    /** Rounded leading-zero code for each count of leading zeros 0..64. */
    private static final int[] LEADING_CODE = new int[65];
    private static final int TRAILING_THRESHOLD = 6;

    static {
        for (int lz = 0; lz <= 64; lz++) {
            int code = 0;
            while (code + 1 < LEADING.length && LEADING[code + 1] <= lz) {
                code++;
            }
            LEADING_CODE[lz] = code;
        }
    }

    private ChimpFloats() {
    }

    static void encode(long[] bits, int from, int count, BitWriter out) {
        if (count == 0) {
            return;
        }
        long previous = bits[from];
        out.write(previous, 64);
        int storedLead = -1;
        for (int i = from + 1, end = from + count; i < end; i++) {
            long v = bits[i];
            long xor = v ^ previous;
            previous = v;
            if (xor == 0) {
                out.write(0b00, 2);
                continue;
            }
            int code = LEADING_CODE[Long.numberOfLeadingZeros(xor)];
            int lead = LEADING[code];
            int trail = Long.numberOfTrailingZeros(xor);
            if (trail > TRAILING_THRESHOLD) {
                int length = 64 - lead - trail;
                out.write(0b01, 2);
                out.write(code, 3);
                out.write(length, 6);
                out.write(xor >>> trail, length);
                storedLead = lead;
            } else if (lead == storedLead) {
                out.write(0b10, 2);
                out.write(xor, 64 - lead);
            } else {
                out.write(0b11, 2);
                out.write(code, 3);
                out.write(xor, 64 - lead);
                storedLead = lead;
            }
        }
    }

    /** The number of bits {@link #encode} writes for the same values, without writing them. */
    static long sizeInBits(long[] bits, int from, int count) {
        if (count == 0) {
            return 0;
        }
        long size = 64;
        long previous = bits[from];
        int storedLead = -1;
        for (int i = from + 1, end = from + count; i < end; i++) {
            long v = bits[i];
            long xor = v ^ previous;
            previous = v;
            if (xor == 0) {
                size += 2;
                continue;
            }
            int lead = LEADING[LEADING_CODE[Long.numberOfLeadingZeros(xor)]];
            int trail = Long.numberOfTrailingZeros(xor);
            if (trail > TRAILING_THRESHOLD) {
                size += 2 + 3 + 6 + 64 - lead - trail;
                storedLead = lead;
            } else if (lead == storedLead) {
                size += 2 + 64 - lead;
            } else {
                size += 2 + 3 + 64 - lead;
                storedLead = lead;
            }
        }
        return size;
    }

    static void decode(BitReader in, int count, long[] dst) throws MalformedEncodingException {
        if (count == 0) {
            return;
        }
        long previous = in.read(64);
        dst[0] = previous;
        int storedLead = -1;
        for (int i = 1; i < count; i++) {
            int flag = (int) in.read(2);
            switch (flag) {
                case 0b00 -> {
                }
                case 0b01 -> {
                    int lead = LEADING[(int) in.read(3)];
                    int length = (int) in.read(6);
                    if (length == 0 || lead + length > 64) {
                        throw new MalformedEncodingException(in.end() - 1,
                                "centre of " + length + " bits after " + lead + " leading zeros");
                    }
                    previous ^= in.read(length) << (64 - lead - length);
                    storedLead = lead;
                }
                case 0b10 -> {
                    if (storedLead < 0) {
                        throw new MalformedEncodingException(in.end() - 1, "XOR reuses leading zeros before any");
                    }
                    previous ^= in.read(64 - storedLead);
                }
                default -> {
                    int lead = LEADING[(int) in.read(3)];
                    previous ^= in.read(64 - lead);
                    storedLead = lead;
                }
            }
            dst[i] = previous;
        }
    }
}
