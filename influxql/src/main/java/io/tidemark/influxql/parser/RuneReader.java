package io.tidemark.influxql.parser;

/**
 * Reads code points from the query text with up to three code points of push-back, tracking positions exactly as
 * InfluxDB's scanner does: {@code \r\n} and a lone {@code \r} read as one {@code \n}; the code point 0 stands for end
 * of input; and the position counter advances once past the end on the first end-of-input read, which is why InfluxDB
 * reports {@code SELECT} as failing at char 8. The error positions clients see depend on these details, so they are
 * reproduced rather than simplified.
 *
 * <p>Not thread-safe; confined to one parse.
 */
final class RuneReader {
    static final int EOF = 0;
    private static final int RING = 3;

    private final String text;
    private int offset;

    private final int[] ringChars = new int[RING];
    private final int[] ringLines = new int[RING];
    private final int[] ringColumns = new int[RING];
    /** Index of the most recently read entry. */
    private int index;
    /** Number of entries pushed back. */
    private int unread;

    private int line;
    private int column;
    private boolean seenEof;

    RuneReader(String text) {
        this.text = text;
    }

    /** Reads the next code point (or {@link #EOF}); {@link #pos()} then gives its position. */
    int read() {
        if (unread > 0) {
            unread--;
            return current();
        }
        int ch;
        if (offset >= text.length()) {
            ch = EOF;
        } else {
            ch = text.codePointAt(offset);
            offset += Character.charCount(ch);
            if (ch == '\r') {
                if (offset < text.length() && text.charAt(offset) == '\n') {
                    offset++;
                }
                ch = '\n';
            }
        }
        index = (index + 1) % RING;
        ringChars[index] = ch;
        ringLines[index] = line;
        ringColumns[index] = column;
        if (ch == '\n') {
            line++;
            column = 0;
        } else if (!seenEof) {
            column++;
        }
        if (ch == EOF) {
            seenEof = true;
        }
        return current();
    }

    /** Pushes the last read code point back. */
    void unread() {
        unread++;
    }

    /** The last read (or pushed-back) code point. */
    int current() {
        return ringChars[slot()];
    }

    /** Position of the last read (or pushed-back) code point. */
    Pos pos() {
        int s = slot();
        return new Pos(ringLines[s], ringColumns[s]);
    }

    private int slot() {
        return (index - unread + RING) % RING;
    }
}
