package io.tidemark.it.diff;

import io.tidemark.it.diff.Schema.Field;
import io.tidemark.it.diff.Schema.Measurement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generates the differential test's data from a seeded {@link Random}: regular series (cpu every 15 minutes,
 * disk every hour at :07), irregular ones (weather at random seconds, events at random nanoseconds with some
 * timestamps shared by every series), sparse fields, and a second pass that overwrites about 5 % of the points
 * with new values for some of their fields. The lines are shuffled and cut into batches of random size, each
 * sent with precision {@code s} or {@code ns}; the rewrites come in later batches than the points they
 * overwrite, since InfluxDB does not define which of two equal points in one batch wins. Not thread-safe.
 */
final class DataGenerator {
    private static final long NANOS = 1_000_000_000L;

    /** One line-protocol body and the precision its timestamps are written in. */
    record WriteBatch(String precision, String body) {
    }

    private record Point(String seriesKey, long timeNanos, Map<String, String> fields) {
    }

    private final Random random;
    private final Schema schema;
    /**
     * Instants at which every events series has a point, with the same fields and values in each: rows of several
     * series then meet at one timestamp (InfluxDB's order among them is unspecified), while functions that keep one
     * of several points at one time (integral(), first() and last() without GROUP BY time, selectors) get the same
     * value whichever they keep.
     */
    private final Map<Long, Map<String, String>> sharedEventTimes = new HashMap<>();
    /** Values already used per float field (and the wide integer fields), so that these fields have no ties. */
    private final Set<String> usedValues = new HashSet<>();

    DataGenerator(Random random, Schema schema) {
        this.random = random;
        this.schema = schema;
    }

    List<WriteBatch> generate() {
        Measurement events = schema.measurement("events");
        for (int i = 0; i < 20; i++) {
            sharedEventTimes.put(Schema.START_SECONDS * NANOS
                    + (long) (random.nextDouble() * Schema.SPAN_SECONDS * NANOS), fieldsFor(events, false));
        }
        List<Point> points = new ArrayList<>();
        for (Measurement m : schema.measurements()) {
            Set<Long> taken = new HashSet<>();
            List<Map<String, String>> series = seriesOf(m);
            for (int i = 0; i < series.size(); i++) {
                String key = seriesKey(m.name(), series.get(i));
                for (long t : timestampsOf(m.name(), i, taken)) {
                    Map<String, String> shared = m == events ? sharedEventTimes.get(t) : null;
                    Map<String, String> fields = shared != null ? shared : fieldsFor(m, false);
                    if (!fields.isEmpty()) {
                        points.add(new Point(key, t, fields));
                    }
                }
            }
        }
        List<Point> rewrites = new ArrayList<>();
        for (Point p : points) {
            if (random.nextInt(20) == 0 && !sharedEventTimes.containsKey(p.timeNanos())) {
                Map<String, String> fields = fieldsFor(schema.measurement(measurementOf(p.seriesKey())), true);
                rewrites.add(new Point(p.seriesKey(), p.timeNanos(), fields));
            }
        }
        List<WriteBatch> batches = new ArrayList<>(batchesOf(points));
        batches.addAll(batchesOf(rewrites));
        return batches;
    }

    private List<Map<String, String>> seriesOf(Measurement m) {
        List<Map<String, String>> series = new ArrayList<>();
        series.add(new TreeMap<>());
        for (String key : m.tagKeys()) {
            if (key.equals(m.optionalTag())) {
                continue;
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> s : series) {
                for (String v : m.tags().get(key)) {
                    Map<String, String> t = new TreeMap<>(s);
                    t.put(key, v);
                    next.add(t);
                }
            }
            series = next;
        }
        if (m.optionalTag() != null) {
            List<String> vocabulary = m.tags().get(m.optionalTag());
            for (Map<String, String> s : series) {
                if (random.nextInt(3) != 0) {
                    s.put(m.optionalTag(), vocabulary.get(random.nextInt(vocabulary.size())));
                }
            }
        }
        return series;
    }

    /**
     * Only events has points of several series at one instant: InfluxDB resolves such ties in first() and last()
     * without GROUP BY time by the order of its merge heap (tsm1 {@code Engine.CreateIterator}), which is
     * unspecified, so the other measurements keep their series apart by a few seconds.
     */
    private List<Long> timestampsOf(String measurement, int seriesIndex, Set<Long> taken) {
        long start = Schema.START_SECONDS * NANOS;
        long span = Schema.SPAN_SECONDS * NANOS;
        List<Long> times = new ArrayList<>();
        switch (measurement) {
            case "cpu" -> {
                for (long t = start + seriesIndex * 7 * NANOS; t < start + span; t += 900 * NANOS) {
                    if (random.nextInt(20) != 0) {
                        times.add(t);
                    }
                }
            }
            case "disk" -> {
                for (long t = start + (420 + seriesIndex * 11) * NANOS; t < start + span; t += 3600 * NANOS) {
                    times.add(t);
                }
            }
            case "weather" -> {
                while (times.size() < 150) {
                    long t = start + (long) random.nextInt((int) Schema.SPAN_SECONDS) * NANOS;
                    if (taken.add(t)) {
                        times.add(t);
                    }
                }
            }
            default -> {
                // Every events series has a point at each of these shared instants, so rows of several series
                // meet at one timestamp; the rest are at random nanoseconds.
                times.addAll(sharedEventTimes.keySet());
                for (int i = 0; i < 60; i++) {
                    times.add(start + (long) (random.nextDouble() * span));
                }
            }
        }
        return times.stream().distinct().sorted().toList();
    }

    /** Sparse fields: each field is present with its own probability; a rewrite keeps a random subset. */
    private Map<String, String> fieldsFor(Measurement m, boolean rewrite) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<Field> candidates = new ArrayList<>(m.fields());
        Collections.shuffle(candidates, random);
        for (Field f : candidates) {
            int percent = rewrite ? 50 : presencePercent(m.name(), f.name());
            if (random.nextInt(100) < percent) {
                fields.put(f.name(), value(m.name(), f));
            }
        }
        if (fields.isEmpty() && rewrite) {
            Field f = candidates.getFirst();
            fields.put(f.name(), value(m.name(), f));
        }
        return fields;
    }

    private static int presencePercent(String measurement, String field) {
        return switch (measurement + "." + field) {
            case "cpu.usage", "disk.used", "disk.free", "disk.pct", "weather.temp", "events.value" -> 100;
            case "cpu.idle" -> 80;
            case "cpu.procs" -> 90;
            case "disk.ro", "events.ok" -> 70;
            case "weather.value" -> 30;
            default -> 50;
        };
    }

    /**
     * A random value of the field's type. Float fields and disk's integers never repeat a value, so percentile(),
     * top() and bottom() on them never meet ties; InfluxDB breaks ties among equal values with Go's unstable
     * sort.Sort, whose order differs even between Go versions. The other integer, string and boolean fields
     * repeat values on purpose (mode, distinct, count).
     */
    private String value(String measurement, Field f) {
        boolean unique = f.type() == Schema.FieldType.FLOAT
                || measurement.equals("disk") && f.type() == Schema.FieldType.INTEGER;
        while (true) {
            String v = anyValue(measurement, f);
            if (!unique || usedValues.add(measurement + "." + f.name() + "=" + v)) {
                return v;
            }
        }
    }

    private String anyValue(String measurement, Field f) {
        return switch (measurement + "." + f.name()) {
            case "cpu.usage", "cpu.idle" -> decimal(random.nextDouble() * 100);
            case "cpu.procs" -> random.nextInt(500) + "i";
            case "cpu.state" -> quoted(pick("ok", "warn", "crit"));
            case "disk.used", "disk.free" -> (1_000_000_000L + (long) (random.nextDouble() * 9e9)) + "i";
            case "disk.pct" -> decimal(random.nextDouble());
            case "weather.temp" -> decimal(random.nextDouble() * 40 - 10);
            case "weather.hum" -> (20 + random.nextInt(81)) + "i";
            case "weather.desc" -> quoted(pick("sunny", "rain", "partly \"cloudy\"", "fog\\mist"));
            case "weather.value" -> decimal(random.nextGaussian() * 1e6);
            case "events.value" -> (random.nextInt(11) - 5) + "i";
            case "events.msg" -> quoted(pick("a", "b", "c"));
            default -> random.nextInt(4) == 0 ? "true" : pick("false", "f", "F", "FALSE");
        };
    }

    /** A value with few decimals most of the time, full double precision otherwise. */
    private String decimal(double v) {
        double d = random.nextInt(10) < 7 ? Math.round(v * 1000) / 1000.0 : v;
        return BigDecimal.valueOf(d).toPlainString();
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String seriesKey(String measurement, Map<String, String> tags) {
        StringBuilder sb = new StringBuilder(measurement);
        tags.forEach((k, v) -> sb.append(',').append(k).append('=').append(v.replace(" ", "\\ ")));
        return sb.toString();
    }

    private static String measurementOf(String seriesKey) {
        int comma = seriesKey.indexOf(',');
        return comma < 0 ? seriesKey : seriesKey.substring(0, comma);
    }

    private List<WriteBatch> batchesOf(List<Point> points) {
        List<Point> shuffled = new ArrayList<>(points);
        Collections.shuffle(shuffled, random);
        List<WriteBatch> batches = new ArrayList<>();
        int i = 0;
        while (i < shuffled.size()) {
            int n = Math.min(shuffled.size() - i, 200 + random.nextInt(600));
            List<Point> chunk = shuffled.subList(i, i + n);
            boolean wholeSeconds = chunk.stream().allMatch(p -> p.timeNanos() % NANOS == 0);
            boolean seconds = wholeSeconds && random.nextBoolean();
            StringBuilder body = new StringBuilder();
            for (Point p : chunk) {
                body.append(p.seriesKey()).append(' ');
                StringBuilder fields = new StringBuilder();
                p.fields().forEach((k, v) -> fields.append(fields.isEmpty() ? "" : ",").append(k).append('=')
                        .append(v));
                body.append(fields).append(' ').append(seconds ? p.timeNanos() / NANOS : p.timeNanos())
                        .append('\n');
            }
            batches.add(new WriteBatch(seconds ? "s" : "ns", body.toString()));
            i += n;
        }
        return batches;
    }
}
