package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every string the result writer writes reads back, through Jackson's parser, as the string it was given (an unpaired
 * surrogate as U+FFFD, as Go writes an invalid byte), compact and pretty, over random strings of the characters that
 * need escaping and of every plane. Randomized: re-run a failure with {@code -Dtests.seed=<seed>}.
 */
class JsonBytesRoundTripTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String SPECIAL = "\"\\<>&\n\r\t\b\f\u0000\u001f\u007f\u2028\u2029\u00e9\u20ac";
    private final ResultJsonWriter writer = new ResultJsonWriter();
    private final JsonFactory json = new JsonFactory();

    private static String randomString(SplittableRandom rnd) {
        StringBuilder b = new StringBuilder();
        int length = rnd.nextInt(0, 12);
        for (int i = 0; i < length; i++) {
            switch (rnd.nextInt(5)) {
                case 0 -> b.append((char) rnd.nextInt(0x20, 0x7f));
                case 1 -> b.append(SPECIAL.charAt(rnd.nextInt(SPECIAL.length())));
                case 2 -> b.append((char) rnd.nextInt(0x80, 0xd800));
                case 3 -> b.appendCodePoint(rnd.nextInt(0x10000, 0x110000));
                default -> b.append((char) rnd.nextInt(0xd800, 0xe000));   // a lone surrogate
            }
        }
        return b.toString();
    }

    /** What Go's encoder makes of the string: each unpaired surrogate becomes U+FFFD. */
    private static String expected(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\ufffd' : c);
            }
        }
        return b.toString();
    }

    private List<String> strings(byte[] document) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = json.createParser(document)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) {
                    out.add(p.getText());
                }
            }
        }
        return out;
    }

    @Test
    void randomStringsReadBackAsWritten() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 2_000; i++) {
            String name = randomString(rnd);
            String tagKey = randomString(rnd);
            String tagValue = randomString(rnd);
            String value = randomString(rnd);
            String error = randomString(rnd);
            Series s = new Series(name, Map.of(tagKey, tagValue), List.of("time", "f"), List.of(List.of(0L, value)),
                    false);
            List<StatementResult> results = List.of(StatementResult.of(0, List.of(s)), StatementResult.error(1, error));
            List<String> want = new ArrayList<>(List.of("results", "statement_id", "series"));
            if (!name.isEmpty()) {
                want.addAll(List.of("name", expected(name)));
            }
            want.addAll(List.of("tags", expected(tagKey), expected(tagValue), "columns", "time", "f", "values",
                    "1970-01-01T00:00:00Z", expected(value), "statement_id", "error", expected(error)));
            for (boolean pretty : new boolean[] {false, true}) {
                assertThat(strings(writer.write(results, EpochFormat.of(null), pretty)))
                        .as("seed %d, pretty %s", SEED, pretty).isEqualTo(want);
            }
        }
    }
}
