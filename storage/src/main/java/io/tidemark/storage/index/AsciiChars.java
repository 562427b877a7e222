package io.tidemark.storage.index;

import io.tidemark.common.RegexInterruption;
import java.nio.charset.StandardCharsets;

/**
 * A reusable {@link CharSequence} view of ASCII bytes, so that a regular expression can be tried on a million tag
 * values without making a million strings. Its reads are counted so that a runaway match stops when its thread is
 * interrupted ({@link RegexInterruption}). Not thread-safe: one evaluation owns it.
 */
final class AsciiChars implements CharSequence {
    private byte[] bytes;
    private int offset;
    private int length;
    private int reads;

    AsciiChars set(byte[] b, int off, int len) {
        this.bytes = b;
        this.offset = off;
        this.length = len;
        return this;
    }

    /** Whether the range is ASCII without a backslash: then its escaped and unescaped forms are the same text. */
    static boolean isPlainAscii(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] < 0 || b[i] == '\\') {
                return false;
            }
        }
        return true;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        reads = RegexInterruption.counted(reads);
        return (char) bytes[offset + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    @Override
    public String toString() {
        return new String(bytes, offset, length, StandardCharsets.US_ASCII);
    }
}
