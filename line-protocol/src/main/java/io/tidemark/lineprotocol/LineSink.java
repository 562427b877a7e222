package io.tidemark.lineprotocol;

/**
 * Receives the outcome of every line that {@link LineProtocolParser#parse} visits, in input order. Comment lines and
 * blank lines produce no call. Called on the thread that called {@code parse}; an exception thrown here aborts the
 * parse and propagates to its caller.
 */
public interface LineSink {
    /**
     * A line that parsed. {@code point} is reused for the next line: it is valid only during this call, and so are
     * the arrays its accessors return.
     */
    void point(ParsedPoint point);

    /**
     * A line that did not parse, worded as InfluxDB 1.8 words it, for example
     * {@code unable to parse 'this is not valid': invalid field format}.
     */
    void parseError(String message);
}
