package io.tidemark.query.compat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The acceptance suite's comparison rules ({@code shared/compat/run.py}) on plain Java JSON values: the database
 * name is replaced by {@code {db}}, the case options (merge_chunks, only_own_databases, mask_columns, unordered)
 * are applied to both sides, integers must be equal and floats agree within a relative 1e-9 (absolute 1e-12).
 *
 * <p>Stateless; thread-safe.
 */
public final class JsonCompare {
    private static final double REL_TOL = 1e-9;
    private static final double ABS_TOL = 1e-12;

    private JsonCompare() {
    }

    /** Applies the case's options to a body. */
    @SuppressWarnings("unchecked")
    public static Object normalise(Object body, String db, Map<String, Object> options) {
        Object b = unsubst(body, db);
        if (Boolean.TRUE.equals(options.get("merge_chunks"))) {
            b = mergeChunks(b);
        }
        if (Boolean.TRUE.equals(options.get("only_own_databases"))) {
            b = forEachSeries(b, s -> {
                List<Object> vals = (List<Object>) s.get("values");
                if (vals != null) {
                    s.put("values", new ArrayList<>(vals.stream().filter(r -> r instanceof List<?> l && !l.isEmpty()
                            && l.getFirst() instanceof String str && str.startsWith("{db}")).toList()));
                }
            });
        }
        if (options.get("mask_columns") instanceof List<?> masked) {
            b = forEachSeries(b, s -> {
                List<Object> cols = (List<Object>) s.getOrDefault("columns", List.of());
                List<Object> vals = (List<Object>) s.get("values");
                if (vals == null) {
                    return;
                }
                List<Object> out = new ArrayList<>();
                for (Object r : vals) {
                    List<Object> row = new ArrayList<>((List<Object>) r);
                    for (int i = 0; i < cols.size() && i < row.size(); i++) {
                        if (masked.contains(cols.get(i))) {
                            row.set(i, "<masked>");
                        }
                    }
                    out.add(row);
                }
                s.put("values", out);
            });
        }
        if (Boolean.TRUE.equals(options.get("unordered"))) {
            b = unordered(b);
        }
        return b;
    }

    /** Null when equal, else the path and values of the first difference. */
    @SuppressWarnings("unchecked")
    public static String diff(Object exp, Object act, String path) {
        if (isNumber(exp) && isNumber(act)) {
            if (exp instanceof Long e && act instanceof Long a) {
                return e.equals(a) ? null : path + ": expected " + e + ", got " + a;
            }
            double e = ((Number) exp).doubleValue();
            double a = ((Number) act).doubleValue();
            boolean close = e == a || Math.abs(e - a) <= Math.max(REL_TOL * Math.max(Math.abs(e), Math.abs(a)), ABS_TOL);
            return close ? null : path + ": expected " + exp + ", got " + act;
        }
        if (exp instanceof Map<?, ?> em && act instanceof Map<?, ?> am) {
            if (!em.keySet().equals(am.keySet())) {
                TreeSet<Object> missing = new TreeSet<>(em.keySet());
                missing.removeAll(am.keySet());
                TreeSet<Object> extra = new TreeSet<>(am.keySet());
                extra.removeAll(em.keySet());
                return path + ": missing keys " + missing + "; unexpected keys " + extra;
            }
            for (Object k : new TreeSet<>(em.keySet())) {
                String d = diff(em.get(k), am.get(k), path + "." + k);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (exp instanceof List<?> el && act instanceof List<?> al) {
            for (int i = 0; i < Math.min(el.size(), al.size()); i++) {
                String d = diff(el.get(i), al.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return el.size() == al.size() ? null
                    : path + ": expected " + el.size() + " items, got " + al.size();
        }
        return Objects.equals(exp, act) ? null : path + ": expected " + dumps(exp) + ", got " + dumps(act);
    }

    private static boolean isNumber(Object o) {
        return o instanceof Long || o instanceof Double;
    }

    @SuppressWarnings("unchecked")
    private static Object unsubst(Object v, String db) {
        if (v instanceof String s) {
            return s.replace(db, "{db}");
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                out.add(unsubst(x, db));
            }
            return out;
        } else if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(((String) k).replace(db, "{db}"), unsubst(x, db)));
            return out;
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeChunks(Object docs) {
        if (!(docs instanceof List<?> list)) {
            return docs;
        }
        List<Object> results = new ArrayList<>();
        Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Object doc : list) {
            Map<String, Object> d = (Map<String, Object>) doc;
            for (Object r : (List<Object>) d.getOrDefault("results", List.of())) {
                Map<String, Object> res = (Map<String, Object>) deepCopy(r);
                Object sid = res.get("statement_id");
                res.remove("partial");
                if (!byId.containsKey(sid)) {
                    byId.put(sid, res);
                    results.add(res);
                    for (Object s : (List<Object>) res.getOrDefault("series", List.of())) {
                        ((Map<String, Object>) s).remove("partial");
                    }
                    continue;
                }
                Map<String, Object> tgt = byId.get(sid);
                res.forEach((k, v) -> {
                    if (!k.equals("series")) {
                        tgt.put(k, v);
                    }
                });
                for (Object so : (List<Object>) res.getOrDefault("series", List.of())) {
                    Map<String, Object> s = (Map<String, Object>) so;
                    s.remove("partial");
                    List<Object> tseries = (List<Object>) tgt.computeIfAbsent("series", k -> new ArrayList<>());
                    Map<String, Object> last = tseries.isEmpty() ? null : (Map<String, Object>) tseries.getLast();
                    if (last != null && Objects.equals(last.get("name"), s.get("name"))
                            && Objects.equals(last.get("tags"), s.get("tags"))
                            && Objects.equals(last.get("columns"), s.get("columns"))) {
                        ((List<Object>) last.computeIfAbsent("values", k -> new ArrayList<>()))
                                .addAll((List<Object>) s.getOrDefault("values", List.of()));
                    } else {
                        tseries.add(s);
                    }
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", results);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object unordered(Object body) {
        return forEachResult(body, res -> {
            Object so = res.get("series");
            if (!(so instanceof List<?>)) {
                return;
            }
            List<Object> series = new ArrayList<>((List<Object>) so);
            for (Object s : series) {
                Map<String, Object> sm = (Map<String, Object>) s;
                if (sm.get("values") instanceof List<?> vals) {
                    List<Object> sorted = new ArrayList<>(vals);
                    sorted.sort(Comparator.comparing(JsonCompare::dumps));
                    sm.put("values", sorted);
                }
            }
            series.sort(Comparator.comparing(s -> {
                Map<String, Object> sm = (Map<String, Object>) s;
                List<Object> key = new ArrayList<>();
                key.add(sm.get("name"));
                key.add(sm.get("tags"));
                key.add(sm.get("columns"));
                return dumps(key);
            }));
            res.put("series", series);
        });
    }

    @SuppressWarnings("unchecked")
    private static Object forEachResult(Object body, java.util.function.Consumer<Map<String, Object>> fn) {
        Object copy = deepCopy(body);
        List<Object> docs = copy instanceof List<?> l ? (List<Object>) l : List.of(copy);
        for (Object doc : docs) {
            if (doc instanceof Map<?, ?> d && d.get("results") instanceof List<?> results) {
                for (Object r : results) {
                    if (r instanceof Map<?, ?>) {
                        fn.accept((Map<String, Object>) r);
                    }
                }
            }
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object forEachSeries(Object body, java.util.function.Consumer<Map<String, Object>> fn) {
        return forEachResult(body, res -> {
            if (res.get("series") instanceof List<?> series) {
                for (Object s : series) {
                    fn.accept((Map<String, Object>) s);
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object v) {
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                out.add(deepCopy(x));
            }
            return out;
        } else if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, deepCopy(x)));
            return out;
        }
        return v;
    }

    /** A canonical JSON text with sorted keys, for ordering rows and series like the runner does. */
    @SuppressWarnings("unchecked")
    public static String dumps(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            return sb.append('"').toString();
        } else if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object x : l) {
                parts.add(dumps(x));
            }
            return "[" + String.join(", ", parts) + "]";
        } else if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Object> e : new TreeMap<>((Map<String, Object>) m).entrySet()) {
                parts.add(dumps(e.getKey()) + ": " + dumps(e.getValue()));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        return String.valueOf(v);
    }
}
