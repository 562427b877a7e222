package io.tidemark.query.compat;

import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the JSON body the HTTP layer would send for statement results, as plain Java values (maps, lists, Long,
 * Double, String, Boolean, null) like a JSON parser returns them: a float with an integral value comes back as an
 * integer, because InfluxDB prints {@code 10.0} as {@code 10}. Times are RFC 3339 with nanoseconds in the
 * statement's tz() zone, or integers for an {@code epoch}.
 *
 * <p>Stateless; thread-safe.
 */
public final class ResponseBodies {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private ResponseBodies() {
    }

    /** One document with every statement's result, partial results of a statement merged. */
    public static Map<String, Object> whole(List<StatementResult> results, String epoch, List<ZoneId> zones) {
        List<Object> out = new ArrayList<>();
        List<StatementResult> merged = merge(results);
        for (StatementResult r : merged) {
            out.add(result(r, epoch, zone(zones, r.statementId())));
        }
        return Map.of("results", out);
    }

    /** One document per result, as a chunked response sends them. */
    public static List<Object> chunks(List<StatementResult> results, String epoch, List<ZoneId> zones) {
        List<Object> out = new ArrayList<>();
        for (StatementResult r : results) {
            out.add(Map.of("results", List.of(result(r, epoch, zone(zones, r.statementId())))));
        }
        return out;
    }

    private static ZoneId zone(List<ZoneId> zones, int id) {
        return id < zones.size() && zones.get(id) != null ? zones.get(id) : ZoneOffset.UTC;
    }

    private static List<StatementResult> merge(List<StatementResult> results) {
        List<StatementResult> out = new ArrayList<>();
        for (StatementResult r : results) {
            StatementResult last = out.isEmpty() ? null : out.getLast();
            if (last == null || last.statementId() != r.statementId()) {
                out.add(r);
                continue;
            }
            List<Series> series = new ArrayList<>(last.series());
            for (Series s : r.series()) {
                Series prev = series.isEmpty() ? null : series.getLast();
                if (prev != null && prev.partial() && java.util.Objects.equals(prev.name(), s.name())
                        && prev.tags().equals(s.tags())) {
                    List<List<Object>> values = new ArrayList<>(prev.values());
                    values.addAll(s.values());
                    series.set(series.size() - 1, new Series(s.name(), s.tags(), s.columns(), values, s.partial()));
                } else {
                    series.add(s);
                }
            }
            out.set(out.size() - 1, new StatementResult(r.statementId(), series, r.messages(),
                    r.error() != null ? r.error() : last.error(), r.partial()));
        }
        return out;
    }

    private static Map<String, Object> result(StatementResult r, String epoch, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statement_id", (long) r.statementId());
        if (!r.series().isEmpty()) {
            List<Object> series = new ArrayList<>();
            for (Series s : r.series()) {
                series.add(series(s, epoch, zone));
            }
            m.put("series", series);
        }
        if (!r.messages().isEmpty()) {
            List<Object> msgs = new ArrayList<>();
            for (StatementResult.Message msg : r.messages()) {
                msgs.add(Map.of("level", msg.level(), "text", msg.text()));
            }
            m.put("messages", msgs);
        }
        if (r.error() != null) {
            m.put("error", r.error());
        }
        if (r.partial()) {
            m.put("partial", true);
        }
        return m;
    }

    private static Map<String, Object> series(Series s, String epoch, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s.name() != null && !s.name().isEmpty()) {
            m.put("name", s.name());
        }
        if (!s.tags().isEmpty()) {
            m.put("tags", new TreeMap<>(s.tags()));
        }
        m.put("columns", new ArrayList<Object>(s.columns()));
        int timeColumn = s.columns().indexOf("time");
        if (s.values() != null && !s.values().isEmpty()) {
            List<Object> rows = new ArrayList<>();
            for (List<Object> row : s.values()) {
                List<Object> out = new ArrayList<>(row.size());
                for (int i = 0; i < row.size(); i++) {
                    Object v = row.get(i);
                    out.add(i == timeColumn && v instanceof Long t ? time(t, epoch, zone) : value(v));
                }
                rows.add(out);
            }
            m.put("values", rows);
        }
        if (s.partial()) {
            m.put("partial", true);
        }
        return m;
    }

    static Object value(Object v) {
        if (v instanceof Double d && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e21) {
            return d.longValue();
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        return v;
    }

    static Object time(long nanos, String epoch, ZoneId zone) {
        if (epoch != null) {
            long div = switch (epoch) {
                case "n", "ns" -> 1L;
                case "u", "µ" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> 0L;
            };
            if (div > 0) {
                return nanos / div;
            }
        }
        Instant i = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        var t = i.atZone(zone).toOffsetDateTime();
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        if (t.getNano() != 0) {
            String f = String.format("%09d", t.getNano());
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        int offset = t.getOffset().getTotalSeconds();
        if (offset == 0) {
            sb.append('Z');
        } else {
            sb.append(t.getOffset().getId());
        }
        return sb.toString();
    }
}
