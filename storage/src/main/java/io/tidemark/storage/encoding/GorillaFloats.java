package io.tidemark.storage.encoding;

/**
 * The body of {@link Encoding#FLOAT_GORILLA}: the XOR scheme of Facebook's Gorilla (Pelkonen et al., "Gorilla: a
 * fast, scalable, in-memory time series database", VLDB 2015), written from the paper. The first value takes 64
 * bits; each next value is XORed with the previous one and written as
 *
 * <pre>
 * '0'                                     the same bits as the previous value
 * '10' meaningful bits                    XOR fits the previous window of leading/trailing zeros
 * '11' lead:5 (length-1):6 meaningful     a new window: leading zeros (at most 31), meaningful length 1..64
 * </pre>
 *
 * Works on raw bits, so NaN payloads, -0.0 and infinities come back unchanged. Stateless.
 */
final class GorillaFloats {
    private GorillaFloats() {
    }

    static void encode(long[] bits, int from, int count, BitWriter out) {
        if (count == 0) {
            return;
        }
        long previous = bits[from];
        out.write(previous, 64);
        int windowLead = -1;
        int windowTrail = 0;
        for (int i = from + 1, end = from + count; i < end; i++) {
            long v = bits[i];
            long xor = v ^ previous;
            previous = v;
            if (xor == 0) {
                out.write(0, 1);
                continue;
            }
            int lead = Math.min(31, Long.numberOfLeadingZeros(xor));
            int trail = Long.numberOfTrailingZeros(xor);
            if (windowLead >= 0 && lead >= windowLead && trail >= windowTrail) {
                out.write(0b10, 2);
                out.write(xor >>> windowTrail, 64 - windowLead - windowTrail);
            } else {
                int length = 64 - lead - trail;
                out.write(0b11, 2);
                out.write(lead, 5);
                out.write(length - 1, 6);
                out.write(xor >>> trail, length);
                windowLead = lead;
                windowTrail = trail;
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
        int windowLead = -1;
        int windowTrail = 0;
        for (int i = from + 1, end = from + count; i < end; i++) {
            long v = bits[i];
            long xor = v ^ previous;
            previous = v;
            if (xor == 0) {
                size += 1;
                continue;
            }
            int lead = Math.min(31, Long.numberOfLeadingZeros(xor));
            int trail = Long.numberOfTrailingZeros(xor);
            if (windowLead >= 0 && lead >= windowLead && trail >= windowTrail) {
                size += 2 + 64 - windowLead - windowTrail;
            } else {
                size += 2 + 5 + 6 + 64 - lead - trail;
                windowLead = lead;
                windowTrail = trail;
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
        int windowLead = -1;
        int windowTrail = 0;
        for (int i = 1; i < count; i++) {
            if (in.readBit()) {
                if (in.readBit()) {
                    int lead = (int) in.read(5);
                    int length = (int) in.read(6) + 1;
                    if (lead + length > 64) {
                        throw new MalformedEncodingException(in.end() - 1,
                                "XOR window of " + lead + " leading zeros and " + length + " bits exceeds 64 bits");
                    }
                    windowLead = lead;
                    windowTrail = 64 - lead - length;
                } else if (windowLead < 0) {
                    throw new MalformedEncodingException(in.end() - 1, "XOR reuses a window before any was set");
                }
                previous ^= in.read(64 - windowLead - windowTrail) << windowTrail;
            }
            dst[i] = previous;
        }
    }
}
