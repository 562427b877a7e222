package io.tidemark.lineprotocol;

import io.tidemark.common.Precision;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Parses InfluxDB 1.8 line protocol from bytes, line by line, into a reused {@link ParsedPoint}. Lines are split,
 * accepted, rejected and worded exactly as InfluxDB 1.8 does ({@code models.ParsePointsWithPrecision}): blank and
 * whitespace-only lines and lines starting with '#' are skipped; a quoted string value may span lines; a trailing
 * '\r' belongs to the line (so CRLF input fails as it does in InfluxDB); every other line yields either one
 * {@link LineSink#point} or one {@link LineSink#parseError} with InfluxDB's message.
 *
 * <p>Most lines go through a single-pass, allocation-free scanner; any line it is not sure about is re-parsed with
 * InfluxDB's full rules, which also produce the error texts. Allocation happens only for error messages, for the
 * rare floats the fast conversion cannot decide (more than 19 significant digits, subnormals, exact half-way
 * cases), and when a line is larger than anything seen before.
 *
 * <p>Checks that InfluxDB makes after parsing are the caller's: a tag key or field key named {@code time} (a
 * partial write with "dropped" in InfluxDB), measurement and key validity for {@code validate-keys}, field type
 * conflicts, retention. Such lines arrive as ordinary points.
 *
 * <p>Not thread-safe; reusable for any number of {@code parse} calls. Use one per request thread.
 */
public final class LineProtocolParser {
    /** InfluxDB's limit on the bytes of measurement plus tags (and of that plus 4 plus any field key). */
    public static final int DEFAULT_MAX_SERIES_KEY_LENGTH = 65535;

    private final ParsedPoint point = new ParsedPoint();
    private final FastLineParser fast;
    private final ExactLineParser exact;
    private final boolean fastPath;

    /**
     * @param allowUnsigned accept {@code 12u} as an unsigned field (InfluxDB 1.x OSS rejects it: "invalid number")
     * @param maxSeriesKeyLength the limit behind "max key length exceeded", {@link #DEFAULT_MAX_SERIES_KEY_LENGTH}
     *     in InfluxDB
     */
    public LineProtocolParser(boolean allowUnsigned, int maxSeriesKeyLength) {
        this(allowUnsigned, maxSeriesKeyLength, true);
    }

    /** A parser with InfluxDB 1.x defaults: unsigned rejected, series keys up to 65535 bytes. */
    public LineProtocolParser() {
        this(false, DEFAULT_MAX_SERIES_KEY_LENGTH);
    }

    /** With {@code fastPath} false every line takes the exact path; tests compare the two. */
    LineProtocolParser(boolean allowUnsigned, int maxSeriesKeyLength, boolean fastPath) {
        if (maxSeriesKeyLength <= 0) {
            throw new IllegalArgumentException("maxSeriesKeyLength must be positive: " + maxSeriesKeyLength);
        }
        this.fast = new FastLineParser(allowUnsigned, maxSeriesKeyLength);
        this.exact = new ExactLineParser(allowUnsigned, maxSeriesKeyLength);
        this.fastPath = fastPath;
    }

    /**
     * Parses every line of {@code buf[off, off+len)} and reports each to {@code sink} in order.
     *
     * @param precision the unit of the timestamps in the text; they are scaled to nanoseconds, and a result outside
     *     InfluxDB's range is the error "time outside range -9223372036854775806 - 9223372036854775806"
     * @param defaultTimestampNanos the time of lines without a timestamp (normally "now"); like InfluxDB, it is
     *     first truncated to a multiple of {@code precision}
     */
    public void parse(byte[] buf, int off, int len, Precision precision, long defaultTimestampNanos, LineSink sink) {
        Objects.checkFromIndexSize(off, len, buf.length);
        long mult = precision.nanosPerUnit();
        long defaultNanos = defaultTimestampNanos - Math.floorMod(defaultTimestampNanos, mult);
        int end = off + len;
        int pos = off;
        while (pos < end) {
            byte c = buf[pos];
            if (fastPath && c != '\n' && c != ' ' && c != '\t' && c != 0 && c != '#') {
                // Fast path: an ordinary line.
                int lineEnd = fast.parse(buf, pos, end, mult, defaultNanos, point);
                if (lineEnd >= 0) {
                    sink.point(point);
                    pos = lineEnd + 1;
                    continue;
                }
            }
            // Slow path: split the line as InfluxDB does, then parse it with its full rules.
            int lineEnd = LineSplitter.lineEnd(buf, pos, end);
            int blockEnd = lineEnd;
            if (blockEnd > pos && buf[blockEnd - 1] == '\n') {
                blockEnd--; // a line cut after an escaped final newline
            }
            int s = pos;
            while (s < blockEnd && (buf[s] == ' ' || buf[s] == '\t' || buf[s] == 0)) {
                s++;
            }
            if (s < blockEnd && buf[s] != '#') {
                String reason = exact.parse(buf, s, blockEnd, mult, defaultNanos, point);
                if (reason == null) {
                    sink.point(point);
                } else {
                    sink.parseError("unable to parse '" + new String(buf, s, blockEnd - s, StandardCharsets.UTF_8)
                            + "': " + reason);
                }
            }
            pos = lineEnd + 1;
        }
    }
}
