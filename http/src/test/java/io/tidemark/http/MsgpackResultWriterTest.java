package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MessagePack answer, byte for byte as InfluxDB 1.8's msgpackFormatter writes it (the same query's bytes from
 * influxd 1.6.7 were compared when this was written: identical for nine kinds of answer).
 */
class MsgpackResultWriterTest {
    private final MsgpackResultWriter writer = new MsgpackResultWriter();

    /** Builds the expected bytes: ints are bytes, strings are MessagePack fixstrs. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer b) {
                out.write(b);
            } else if (p instanceof String s) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                out.write(0xa0 | utf8.length);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    @Test
    void aSeriesKeepsFloatsAsFloatsAndTimesAsTheTimeExtension() {
        Series s = new Series("m", Map.of("h", "a"), List.of("time", "v", "n", "s", "b", "x"),
                List.of(Arrays.asList(1_500_000_001L, 1.0, 300L, "z", true, null)), false);
        byte[] expected = bytes(0x81, "results", 0x91, 0x82, "statement_id", 0x00, "series", 0x91,
                0x84, "name", "m", "tags", 0x81, "h", "a", "columns", 0x96, "time", "v", "n", "s", "b", "x",
                "values", 0x91, 0x96,
                0xc7, 12, 5, 0, 0, 0, 0, 0, 0, 0, 1, 0x1d, 0xcd, 0x65, 0x01,      // 1 s and 500,000,001 ns
                0xcb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0,                              // 1.0, a float
                0xd1, 0x01, 0x2c,                                                // 300 as int16, as msgp writes it
                "z", 0xc3, 0xc0);
        assertThat(writer.write(List.of(StatementResult.of(0, List.of(s))), EpochFormat.of(null)))
                .isEqualTo(expected);
    }

    @Test
    void epochTimesAreIntegersAndErrorsMessagesAndPartialsHaveInfluxDbsKeys() {
        Series s = Series.of("m", List.of("time", "v"), List.of(List.of(2_000_000_000L, -5L)));
        byte[] results = writer.write(List.of(
                new StatementResult(0, List.of(s), List.of(new StatementResult.Message("warning", "w")), null, true),
                StatementResult.error(1, "boom")), EpochFormat.of("s"));
        assertThat(results).isEqualTo(bytes(0x81, "results", 0x92,
                0x84, "statement_id", 0x00, "messages", 0x91, 0x82, "level", "warning", "text", "w",
                "series", 0x91, 0x83, "name", "m", "columns", 0x92, "time", "v", "values", 0x91, 0x92, 0x02, 0xfb,
                "partial", 0xc3,
                0x81, "error", "boom"));
        assertThat(writer.error("bad")).isEqualTo(bytes(0x81, "error", "bad"));
    }

    @Test
    void theFormatIsNegotiatedAsInfluxDbNegotiatesIt() {
        ResultJsonWriter json = new ResultJsonWriter();
        EpochFormat epoch = EpochFormat.of(null);
        assertThat(QueryFormat.of("application/x-msgpack", epoch, false, json)).isInstanceOf(QueryFormat.Msgpack.class);
        assertThat(QueryFormat.of(null, epoch, false, json)).isInstanceOf(QueryFormat.Json.class);
        assertThat(QueryFormat.of("*/*", epoch, false, json)).isInstanceOf(QueryFormat.Json.class);
        assertThat(QueryFormat.of("text/csv", epoch, false, json)).isInstanceOf(QueryFormat.Csv.class);
        // Header order among equal q, a higher q first, unknown types passed over.
        assertThat(QueryFormat.of("application/json, application/csv", epoch, false, json))
                .isInstanceOf(QueryFormat.Json.class);
        assertThat(QueryFormat.of("application/json;q=0.5, application/x-msgpack", epoch, false, json))
                .isInstanceOf(QueryFormat.Msgpack.class);
        assertThat(QueryFormat.of("image/png, application/csv", epoch, false, json))
                .isInstanceOf(QueryFormat.Csv.class);
    }
}
