package io.tidemark.storage.tombstone;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The tombstone file layout; the full description with box diagrams is {@code docs/format/tombstones.md}.
 *
 * <pre>
 * file    := header entry*
 * header  := magic:u32 "TMTB" | version:u8 | reserved:3 bytes (0)                         8 bytes
 * entry   := length:u32 | crc32c:u32 | payload:length bytes                              8 + length bytes
 * payload := seq:i64 | min time:i64 | max time:i64 | target kind:u8
 *            | field length:u32 (0xFFFFFFFF: every field) | field:UTF-8
 *            | item count:u32 | (item length:u32 | item)*                                 33 + ... bytes
 * </pre>
 *
 * Integers are big-endian, as in the WAL. The checksum is CRC-32C over the length field and the payload, so a
 * damaged length is caught as well as damaged data. An item is the escaped measurement name (kind
 * {@link #TARGET_MEASUREMENT}, exactly one item) or a canonical escaped series key (kind {@link #TARGET_SERIES}, at
 * least one, in bytewise order). Stateless.
 */
public final class TombstoneFormat {
    /** "TMTB": identifies our tombstone files. */
    public static final int MAGIC = 0x544D5442;
    public static final byte VERSION_START = 1;
    public static final byte VERSION_CURRENT = VERSION_START;
    public static final int HEADER_BYTES = 8;
    public static final int ENTRY_HEADER_BYTES = 8;
    /** seq, min time, max time, target kind, field length, item count. */
    public static final int PAYLOAD_FIXED_BYTES = 8 + 8 + 8 + 1 + 4 + 4;
    public static final byte TARGET_MEASUREMENT = 1;
    public static final byte TARGET_SERIES = 2;
    /** The field length of a tombstone of every field. */
    public static final int ALL_FIELDS = -1;
    /** Larger entries are refused when written and taken as damage when read. */
    public static final int MAX_PAYLOAD_BYTES = 1 << 30;
    /** What {@code rewrite} writes before renaming over the file; a leftover one is deleted on open. */
    public static final String TEMPORARY_SUFFIX = ".tmp";

    private TombstoneFormat() {
    }

    static ByteBuffer header() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
        b.putInt(MAGIC).put(VERSION_CURRENT).put((byte) 0).put((byte) 0).put((byte) 0);
        return b.flip();
    }

    /**
     * The whole entry (header and payload) of {@code t}, ready to be written.
     *
     * @throws IllegalArgumentException if the payload would exceed {@link #MAX_PAYLOAD_BYTES}
     */
    static ByteBuffer encodeEntry(Tombstone t, CRC32C crc) {
        byte[] field = t.field() == null ? null : t.field().getBytes(StandardCharsets.UTF_8);
        byte[][] items = switch (t.target()) {
            case TombstoneTarget.Measurement m -> new byte[][] {m.rawName()};
            case TombstoneTarget.SeriesKeys s -> s.rawKeys();
        };
        long size = PAYLOAD_FIXED_BYTES + (field == null ? 0 : field.length);
        for (byte[] item : items) {
            size += 4 + item.length;
        }
        if (size > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("cannot write tombstone (" + size + " bytes, at most "
                    + MAX_PAYLOAD_BYTES + "): too many series keys in one tombstone");
        }
        int length = (int) size;
        ByteBuffer b = ByteBuffer.allocate(ENTRY_HEADER_BYTES + length);
        b.putInt(length).putInt(0);
        b.putLong(t.seq()).putLong(t.minTimeNanos()).putLong(t.maxTimeNanos());
        b.put(t.target() instanceof TombstoneTarget.Measurement ? TARGET_MEASUREMENT : TARGET_SERIES);
        if (field == null) {
            b.putInt(ALL_FIELDS);
        } else {
            b.putInt(field.length).put(field);
        }
        b.putInt(items.length);
        for (byte[] item : items) {
            b.putInt(item.length).put(item);
        }
        b.putInt(4, checksum(crc, b.array(), 0, length));
        return b.flip();
    }

    /** The checksum of the entry at {@code entryOff} whose payload has {@code length} bytes. Resets {@code crc}. */
    static int checksum(CRC32C crc, byte[] buf, int entryOff, int length) {
        crc.reset();
        crc.update(buf, entryOff, 4);
        crc.update(buf, entryOff + ENTRY_HEADER_BYTES, length);
        return (int) crc.getValue();
    }

    /**
     * Decodes a payload whose checksum matched.
     *
     * @throws IllegalArgumentException with the reason if it is not a valid tombstone
     */
    static Tombstone decodePayload(byte[] buf, int off, int length) {
        if (length < PAYLOAD_FIXED_BYTES) {
            throw new IllegalArgumentException("payload of " + length + " bytes is shorter than "
                    + PAYLOAD_FIXED_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(buf, off, length);
        long seq = b.getLong();
        long min = b.getLong();
        long max = b.getLong();
        byte kind = b.get();
        int fieldLength = b.getInt();
        String field = null;
        if (fieldLength != ALL_FIELDS) {
            field = utf8(bytes(b, fieldLength, "field"));
        }
        int count = b.getInt();
        if (count < 1 || count > b.remaining() / 4) {
            throw new IllegalArgumentException("item count " + Integer.toUnsignedString(count) + " out of range");
        }
        byte[][] items = new byte[count][];
        for (int i = 0; i < count; i++) {
            if (b.remaining() < 4) {
                throw new IllegalArgumentException("item " + i + " cut short");
            }
            items[i] = bytes(b, b.getInt(), "item " + i);
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException(b.remaining() + " bytes after the last item");
        }
        TombstoneTarget target = switch (kind) {
            case TARGET_MEASUREMENT -> {
                if (count != 1) {
                    throw new IllegalArgumentException("measurement target with " + count + " names");
                }
                yield new TombstoneTarget.Measurement(items[0]);
            }
            case TARGET_SERIES -> {
                for (int i = 1; i < count; i++) {
                    if (java.util.Arrays.compareUnsigned(items[i - 1], items[i]) >= 0) {
                        throw new IllegalArgumentException("series keys out of order at item " + i);
                    }
                }
                yield new TombstoneTarget.SeriesKeys(items);
            }
            default -> throw new IllegalArgumentException("unknown target kind " + kind);
        };
        return new Tombstone(seq, target, field, min, max);
    }

    private static byte[] bytes(ByteBuffer b, int length, String what) {
        if (length < 0 || length > b.remaining()) {
            throw new IllegalArgumentException(what + " length " + Integer.toUnsignedString(length)
                    + " out of range");
        }
        byte[] out = new byte[length];
        b.get(out);
        return out;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("field name is not UTF-8");
        }
    }
}
