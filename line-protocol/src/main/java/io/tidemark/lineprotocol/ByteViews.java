package io.tidemark.lineprotocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Unaligned multi-byte reads and writes on byte arrays. Stateless. */
final class ByteViews {
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private ByteViews() {
    }

    /** The 8 bytes at {@code b[i, i+8)} as a little-endian long; {@code i + 8 <= b.length}. */
    static long longLE(byte[] b, int i) {
        return (long) LONG_LE.get(b, i);
    }

    /** Writes {@code v} little-endian at {@code b[i, i+8)}. */
    static void putLongLE(byte[] b, int i, long v) {
        LONG_LE.set(b, i, v);
    }

    /** The 8 bytes at {@code b[i, i+8)} as a big-endian long; {@code i + 8 <= b.length}. */
    static long longBE(byte[] b, int i) {
        return (long) LONG_BE.get(b, i);
    }
}
