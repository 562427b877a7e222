package io.tidemark.storage.index;

import java.nio.charset.StandardCharsets;

/**
 * A reusable {@link CharSequence} view of ASCII bytes, so that a regular expression can be tried on a million tag
 * values without making a million strings. Not thread-safe: one evaluation owns it.
 */
final class AsciiChars implements CharSequence {
    private byte[] bytes;
    private int length;

    AsciiChars set(byte[] b, int len) {
        this.bytes = b;
        this.length = len;
        return this;
    }

    static boolean isAscii(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] < 0) {
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
        return (char) bytes[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }
}
