package io.tidemark.storage.tsm;

import io.tidemark.common.FieldType;
import io.tidemark.storage.encoding.BooleanDecoder;
import io.tidemark.storage.encoding.ColumnDecoder;
import io.tidemark.storage.encoding.Encoding;
import io.tidemark.storage.encoding.FloatDecoder;
import io.tidemark.storage.encoding.IntegerDecoder;
import io.tidemark.storage.encoding.MalformedEncodingException;
import io.tidemark.storage.encoding.StringDecoder;
import io.tidemark.storage.encoding.TimestampDecoder;
import io.tidemark.storage.encoding.UnsignedDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One decoded block: its timestamps and values, in time order. Reused by the cursor that decoded it: valid until
 * that cursor decodes the next block. Not thread-safe.
 */
public final class TsmBlock {
    private final TimestampDecoder timestamps = new TimestampDecoder();
    private FloatDecoder floats;
    private IntegerDecoder integers;
    private UnsignedDecoder unsigned;
    private BooleanDecoder booleans;
    private StringDecoder strings;
    private ColumnDecoder values;
    private FieldType type;
    private int count;
    private Encoding timestampEncoding;
    private Encoding valueEncoding;

    /**
     * Decodes a block body (after its checksum) of {@code buf[offset, end)}: the type byte and two columns that
     * must fill it exactly.
     *
     * @return null on success, else what is wrong; {@code errorOffset[0]} then holds the index of the bad byte
     */
    String decode(byte[] buf, int offset, int end, FieldType expectedType, int expectedCount, int[] errorOffset) {
        count = 0;
        int code = buf[offset] & 0xFF;
        if (code != expectedType.code()) {
            errorOffset[0] = offset;
            return "block of type code " + code + " in a " + expectedType.influxName() + " field";
        }
        type = expectedType;
        try {
            int valuesAt = timestamps.decode(buf, offset + 1, end);
            timestampEncoding = Encoding.of(Encoding.Family.LONG, buf[offset + 1]);
            int valueCount;
            int stop;
            if (type == FieldType.STRING) {
                if (strings == null) {
                    strings = new StringDecoder();
                }
                stop = strings.decode(buf, valuesAt, end);
                valueCount = strings.count();
            } else {
                values = decoderFor(type);
                stop = values.decode(buf, valuesAt, end);
                valueCount = values.count();
            }
            valueEncoding = Encoding.of(type == FieldType.FLOAT ? Encoding.Family.FLOAT
                    : type == FieldType.BOOLEAN ? Encoding.Family.BOOLEAN
                    : type == FieldType.STRING ? Encoding.Family.STRING : Encoding.Family.LONG, buf[valuesAt]);
            if (timestamps.count() != expectedCount || valueCount != expectedCount) {
                errorOffset[0] = offset;
                return timestamps.count() + " timestamps and " + valueCount + " values where the index says "
                        + expectedCount;
            }
            if (stop != end) {
                errorOffset[0] = stop;
                return (end - stop) + " bytes after the values";
            }
        } catch (MalformedEncodingException e) {
            errorOffset[0] = e.offset();
            return e.getMessage();
        }
        count = expectedCount;
        return null;
    }

    private ColumnDecoder decoderFor(FieldType t) {
        return switch (t) {
            case FLOAT -> floats == null ? floats = new FloatDecoder() : floats;
            case INTEGER -> integers == null ? integers = new IntegerDecoder() : integers;
            case UNSIGNED -> unsigned == null ? unsigned = new UnsignedDecoder() : unsigned;
            case BOOLEAN -> booleans == null ? booleans = new BooleanDecoder() : booleans;
            case STRING -> throw new IllegalStateException("BUG: strings have no column decoder");
        };
    }

    public FieldType type() {
        return type;
    }

    public int count() {
        return count;
    }

    /** The encoding of the timestamps column, for diagnostics. */
    public Encoding timestampEncoding() {
        return timestampEncoding;
    }

    /** The encoding of the values column, for diagnostics. */
    public Encoding valueEncoding() {
        return valueEncoding;
    }

    /** The timestamps, in {@code [0, count())}; the array is reused. */
    public long[] timestamps() {
        return timestamps.values();
    }

    public long timestamp(int i) {
        return timestamps.values()[checkIndex(i)];
    }

    /** The values of a non-string block as bits (see {@link TsmWriter#append(long, long)}); the array is reused. */
    public long[] valueBits() {
        if (type == FieldType.STRING) {
            throw new IllegalStateException("a string block has no value bits");
        }
        return values.values();
    }

    public long bits(int i) {
        return valueBits()[checkIndex(i)];
    }

    /** Value {@code i} of a string block. */
    public String string(int i) {
        return new String(stringBytes(i), StandardCharsets.UTF_8);
    }

    /** A copy of the UTF-8 bytes of value {@code i} of a string block. */
    public byte[] stringBytes(int i) {
        if (type != FieldType.STRING) {
            throw new IllegalStateException("a " + type.influxName() + " block has no strings");
        }
        checkIndex(i);
        return Arrays.copyOfRange(strings.bytes(), strings.offset(i), strings.offset(i) + strings.length(i));
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("point " + i + " of " + count);
        }
        return i;
    }
}
