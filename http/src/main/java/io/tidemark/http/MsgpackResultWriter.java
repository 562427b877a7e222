package io.tidemark.http;

import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The {@code application/x-msgpack} answer of {@code /query}, which the Python client asks for by default: the
 * layout of InfluxDB 1.8's {@code msgpackFormatter} (services/httpd/response_writer.go), keys and their order
 * included. Unlike JSON it keeps the types: a float that happens to be integral stays a float, and a time without
 * {@code epoch} is MessagePack extension 5 (8 bytes of Unix seconds and 4 of nanoseconds, big-endian), as Go's
 * msgp writes a {@code time.Time}. Only the encoding this needs is here (no decoding); the format is the MessagePack
 * specification's. Thread-safe: each call writes into its own buffer.
 */
final class MsgpackResultWriter {
    static final String CONTENT_TYPE = "application/x-msgpack";
    private static final byte TIME_EXTENSION = 5;

    byte[] write(List<StatementResult> results, EpochFormat epoch) {
        Encoder e = new Encoder();
        e.mapHeader(1);
        e.string("results");
        e.arrayHeader(results.size());
        for (StatementResult r : results) {
            writeResult(e, r, epoch);
        }
        return e.bytes();
    }

    byte[] error(String message) {
        Encoder e = new Encoder();
        e.mapHeader(1);
        e.string("error");
        e.string(message);
        return e.bytes();
    }

    private static void writeResult(Encoder e, StatementResult r, EpochFormat epoch) {
        if (r.error() != null) {
            e.mapHeader(1);
            e.string("error");
            e.string(r.error());
            return;
        }
        e.mapHeader(2 + (r.messages().isEmpty() ? 0 : 1) + (r.partial() ? 1 : 0));
        e.string("statement_id");
        e.integer(r.statementId());
        if (!r.messages().isEmpty()) {
            e.string("messages");
            e.arrayHeader(r.messages().size());
            for (StatementResult.Message m : r.messages()) {
                e.mapHeader(2);
                e.string("level");
                e.string(m.level());
                e.string("text");
                e.string(m.text());
            }
        }
        e.string("series");
        e.arrayHeader(r.series().size());
        for (Series s : r.series()) {
            writeSeries(e, s, epoch);
        }
        if (r.partial()) {
            e.string("partial");
            e.bool(true);
        }
    }

    private static void writeSeries(Encoder e, Series s, EpochFormat epoch) {
        boolean named = s.name() != null && !s.name().isEmpty();
        e.mapHeader(2 + (named ? 1 : 0) + (s.tags().isEmpty() ? 0 : 1) + (s.partial() ? 1 : 0));
        if (named) {
            e.string("name");
            e.string(s.name());
        }
        if (!s.tags().isEmpty()) {
            e.string("tags");
            e.mapHeader(s.tags().size());
            for (Map.Entry<String, String> t : s.tags().entrySet()) {
                e.string(t.getKey());
                e.string(t.getValue());
            }
        }
        e.string("columns");
        e.arrayHeader(s.columns().size());
        for (String c : s.columns()) {
            e.string(c);
        }
        e.string("values");
        e.arrayHeader(s.values().size());
        int timeColumn = s.timeColumn();
        for (List<Object> row : s.values()) {
            e.arrayHeader(row.size());
            for (int i = 0; i < row.size(); i++) {
                Object v = row.get(i);
                if (i == timeColumn && v instanceof Long nanos) {
                    if (epoch.rfc3339()) {
                        e.time(nanos);
                    } else {
                        e.integer(epoch.toEpoch(nanos));
                    }
                } else {
                    e.value(v);
                }
            }
        }
        if (s.partial()) {
            e.string("partial");
            e.bool(true);
        }
    }

    /** MessagePack's encodings of the types a result holds, each in its shortest form as Go's msgp writes it. */
    private static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        byte[] bytes() {
            return out.toByteArray();
        }

        void mapHeader(int n) {
            header(n, 0x80, 0xde, 0xdf);
        }

        void arrayHeader(int n) {
            header(n, 0x90, 0xdc, 0xdd);
        }

        /** A map's or array's size: in the fix byte below 16, else after its 16- or 32-bit code. */
        private void header(int n, int fix, int code16, int code32) {
            if (n < 16) {
                out.write(fix | n);
            } else if (n < 65536) {
                out.write(code16);
                be(n, 2);
            } else {
                out.write(code32);
                be(n, 4);
            }
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int n = b.length;
            if (n < 32) {
                out.write(0xa0 | n);
            } else if (n < 256) {
                out.write(0xd9);
                out.write(n);
            } else if (n < 65536) {
                out.write(0xda);
                be(n, 2);
            } else {
                out.write(0xdb);
                be(n, 4);
            }
            out.write(b, 0, n);
        }

        void integer(long v) {
            if (v >= 0 && v < 128) {
                out.write((int) v);
            } else if (v < 0 && v >= -32) {
                out.write((int) v & 0xff);
            } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                out.write(0xd0);
                be(v, 1);
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                out.write(0xd1);
                be(v, 2);
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                out.write(0xd2);
                be(v, 4);
            } else {
                out.write(0xd3);
                be(v, 8);
            }
        }

        void bool(boolean b) {
            out.write(b ? 0xc3 : 0xc2);
        }

        void nil() {
            out.write(0xc0);
        }

        void float64(double d) {
            out.write(0xcb);
            be(Double.doubleToRawLongBits(d), 8);
        }

        /** Extension 5: Unix seconds (8 bytes) and nanoseconds (4 bytes), as msgp writes a time. */
        void time(long nanos) {
            out.write(0xc7);   // ext 8: 12 bytes do not fit a fixext
            out.write(12);
            out.write(TIME_EXTENSION);
            be(Math.floorDiv(nanos, 1_000_000_000L), 8);
            be(Math.floorMod(nanos, 1_000_000_000L), 4);
        }

        void value(Object v) {
            if (v instanceof Double d) {
                float64(d);
            } else if (v instanceof Long l) {
                integer(l);
            } else if (v instanceof String s) {
                string(s);
            } else if (v == null) {
                nil();
            } else if (v instanceof Boolean b) {
                bool(b);
            } else if (v instanceof Integer i) {
                integer(i);
            } else {
                string(v.toString());
            }
        }

        private void be(long v, int bytes) {
            for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
                out.write((int) (v >>> shift) & 0xff);
            }
        }
    }
}
