package io.tidemark.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The gzip encoding of a {@code /query} answer, as InfluxDB gives it: when the request's {@code Accept-Encoding}
 * mentions gzip (InfluxDB looks for the substring) and the status is 200, statement errors included; never for other
 * statuses. Go's HTTP client asks for it unless told not to, so the {@code influx} CLI, Telegraf and Grafana's
 * InfluxQL source get compressed answers, which matters for large results sent over a network. A streamed (chunked)
 * answer is one gzip stream, flushed at each chunk so that the client can decode it as it arrives.
 *
 * <p>One instance per answer; not thread-safe. Compression level 6, Go's default.
 */
final class GzipResponse {
    private static final int LEVEL = 6;
    /** The member header of RFC 1952: magic, deflate, no flags, no time, no extra flags, unknown OS (as Go writes). */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final Deflater deflater = new Deflater(LEVEL, true);
    private final CRC32 crc = new CRC32();
    private final byte[] buffer = new byte[8192];
    private long inputBytes;
    private boolean headerWritten;

    /** Whether the client accepts a gzip answer. */
    static boolean accepted(HttpRequest request) {
        String accept = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
        return accept != null && accept.contains("gzip");
    }

    /** A whole answer, compressed. */
    static byte[] compress(byte[] body) {
        GzipResponse gz = new GzipResponse();
        byte[] head = gz.chunk(body);
        byte[] tail = gz.finish();
        byte[] out = new byte[head.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    /** The compressed bytes of the next piece of the answer, flushed so that the client can decode them now. */
    byte[] chunk(byte[] piece) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(piece.length / 4 + 64);
        startOnce(out);
        crc.update(piece);
        inputBytes += piece.length;
        deflater.setInput(piece);
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        return out.toByteArray();
    }

    /** The end of the stream: what the deflater still holds, then the checksum and length of everything. */
    byte[] finish() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        startOnce(out);
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, 0, n);
        }
        deflater.end();
        writeIntLe(out, (int) crc.getValue());
        writeIntLe(out, (int) inputBytes);
        return out.toByteArray();
    }

    /** Frees the deflater's native memory; for an answer given up before {@link #finish}. Idempotent. */
    void close() {
        deflater.end();
    }

    private void startOnce(ByteArrayOutputStream out) {
        if (!headerWritten) {
            out.write(HEADER, 0, HEADER.length);
            headerWritten = true;
        }
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
