package io.tidemark.storage.api;

import io.tidemark.common.FieldType;

/**
 * Checks that bytes are exactly one well-formed {@link PointBatch}, so that {@link PointBatchReader} can decode
 * without bounds checks of its own. Not thread-safe; one instance per validation.
 */
final class PointBatchValidator {
    private final byte[] buf;
    private int pos;

    private PointBatchValidator(byte[] buf) {
        this.buf = buf;
    }

    /** Returns the point count of a valid batch. */
    static int validate(byte[] buf) throws MalformedPointBatchException {
        return new PointBatchValidator(buf).run();
    }

    private int run() throws MalformedPointBatchException {
        if (buf.length < 2) {
            throw new MalformedPointBatchException(0, "too short (" + buf.length + " bytes)");
        }
        if (buf[0] != PointBatchFormat.VERSION_CURRENT) {
            throw new MalformedPointBatchException(0, "unknown version " + buf[0]);
        }
        pos = 1;
        int points = readLength(Integer.MAX_VALUE, "point count");
        int series = 0;
        int names = 0;
        for (int p = 0; p < points; p++) {
            int ref = readLength(Integer.MAX_VALUE, "series reference");
            if (ref == 0) {
                int keyLen = readLength(PointBatchFormat.MAX_BYTES_LENGTH, "series key length");
                int start = pos;
                int measurementLen = readLength(keyLen, "measurement length");
                if (keyLen == 0 || measurementLen == 0) {
                    throw new MalformedPointBatchException(start, "empty series key or measurement");
                }
                skip(keyLen, "series key");
                series++;
            } else if (ref > series) {
                throw new MalformedPointBatchException(pos, "series reference " + ref + " beyond " + series);
            }
            readVarint("timestamp");
            int fieldsAt = pos;
            int fields = readLength(Integer.MAX_VALUE, "field count");
            if (fields == 0) {
                throw new MalformedPointBatchException(fieldsAt, "point without fields");
            }
            for (int f = 0; f < fields; f++) {
                int tagAt = pos;
                long tag = readVarint("field tag");
                int type = (int) (tag & PointBatchFormat.TYPE_MASK);
                long nameRef = tag >>> PointBatchFormat.TYPE_BITS;
                if (type >= FieldType.values().length) {
                    throw new MalformedPointBatchException(tagAt, "unknown field type code " + type);
                }
                if (nameRef == 0) {
                    int nameLen = readLength(PointBatchFormat.MAX_BYTES_LENGTH, "field name length");
                    if (nameLen == 0) {
                        throw new MalformedPointBatchException(tagAt, "empty field name");
                    }
                    skip(nameLen, "field name");
                    names++;
                } else if (nameRef > names) {
                    throw new MalformedPointBatchException(tagAt, "field name reference " + nameRef + " beyond " + names);
                }
                skipValue(FieldType.ofCode(type));
            }
        }
        if (pos != buf.length) {
            throw new MalformedPointBatchException(pos, (buf.length - pos) + " trailing bytes after " + points + " points");
        }
        return points;
    }

    private void skipValue(FieldType type) throws MalformedPointBatchException {
        switch (type) {
            case FLOAT -> skip(Double.BYTES, "float value");
            case INTEGER, UNSIGNED -> readVarint("integer value");
            case BOOLEAN -> {
                int at = pos;
                skip(1, "boolean value");
                if ((buf[at] & 0xFF) > 1) {
                    throw new MalformedPointBatchException(at, "boolean value " + (buf[at] & 0xFF));
                }
            }
            case STRING -> skip(readLength(PointBatchFormat.MAX_BYTES_LENGTH, "string length"), "string value");
        }
    }

    private void skip(int n, String what) throws MalformedPointBatchException {
        if (n > buf.length - pos) {
            throw new MalformedPointBatchException(pos, what + " of " + n + " bytes runs past the end");
        }
        pos += n;
    }

    private int readLength(int max, String what) throws MalformedPointBatchException {
        int at = pos;
        long v = readVarint(what);
        if (v < 0 || v > max) {
            throw new MalformedPointBatchException(at, what + " " + Long.toUnsignedString(v) + " out of range");
        }
        return (int) v;
    }

    private long readVarint(String what) throws MalformedPointBatchException {
        int at = pos;
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= buf.length) {
                throw new MalformedPointBatchException(at, what + " runs past the end");
            }
            int b = buf[pos++];
            if (shift == 63 && (b & 0xFE) != 0) {
                throw new MalformedPointBatchException(at, what + " overflows 64 bits");
            }
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new MalformedPointBatchException(at, what + " overflows 64 bits");
    }
}
