package io.tidemark.it.diff;

import java.util.List;
import java.util.Map;

/**
 * The fixed shape of the differential test's data: measurements, their tag keys with small vocabularies, and
 * their fields with one type each. Values and timestamps are random, names are not, so that the hand-written
 * queries in {@code diff/queries.txt} can name them. Immutable.
 */
record Schema(List<Measurement> measurements) {
    /** The database both servers hold the data in. */
    static final String DATABASE = "diff";
    /** First second of the data: Tuesday 2021-03-02T00:00:00Z; InfluxDB's 7-day shard groups split at Thursday. */
    static final long START_SECONDS = 1_614_643_200L;
    /** The data spans four days, so it lies in two shard groups. */
    static final long SPAN_SECONDS = 4 * 86_400L;

    enum FieldType {
        FLOAT, INTEGER, STRING, BOOLEAN;

        boolean numeric() {
            return this == FLOAT || this == INTEGER;
        }
    }

    record Field(String name, FieldType type) {
    }

    /**
     * {@code optionalTag} is a tag key that about a third of the series lack, so that {@code tag = ''} and
     * GROUP BY on it see empty values; null when every series has every tag.
     */
    record Measurement(String name, Map<String, List<String>> tags, String optionalTag, List<Field> fields) {
        List<Field> fieldsOf(FieldType... types) {
            return fields.stream().filter(f -> List.of(types).contains(f.type())).toList();
        }

        List<String> tagKeys() {
            return tags.keySet().stream().sorted().toList();
        }
    }

    static Schema standard() {
        return new Schema(List.of(
                new Measurement("cpu",
                        Map.of("host", List.of("h1", "h2", "h3", "h4"), "region", List.of("east", "west"),
                                "env", List.of("prod", "dev")),
                        "env",
                        List.of(new Field("usage", FieldType.FLOAT), new Field("idle", FieldType.FLOAT),
                                new Field("procs", FieldType.INTEGER), new Field("state", FieldType.STRING),
                                new Field("up", FieldType.BOOLEAN))),
                new Measurement("disk",
                        Map.of("host", List.of("h1", "h2", "h3"), "path", List.of("/", "/var", "/home")),
                        null,
                        List.of(new Field("used", FieldType.INTEGER), new Field("free", FieldType.INTEGER),
                                new Field("pct", FieldType.FLOAT), new Field("ro", FieldType.BOOLEAN))),
                new Measurement("weather",
                        Map.of("city", List.of("ams", "ber", "new york")),
                        null,
                        List.of(new Field("temp", FieldType.FLOAT), new Field("hum", FieldType.INTEGER),
                                new Field("desc", FieldType.STRING), new Field("value", FieldType.FLOAT))),
                new Measurement("events",
                        Map.of("kind", List.of("login", "logout", "error"), "src", List.of("a", "b")),
                        null,
                        List.of(new Field("value", FieldType.INTEGER), new Field("msg", FieldType.STRING),
                                new Field("ok", FieldType.BOOLEAN)))));
    }

    Measurement measurement(String name) {
        return measurements.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
