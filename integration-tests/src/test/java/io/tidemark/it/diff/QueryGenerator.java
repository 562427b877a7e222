package io.tidemark.it.diff;

import io.tidemark.it.diff.Schema.Field;
import io.tidemark.it.diff.Schema.FieldType;
import io.tidemark.it.diff.Schema.Measurement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Generates InfluxQL statements over {@link Schema#standard()} from a seeded {@link Random}, following a small
 * grammar: raw SELECTs (fields, {@code *}, tags, arithmetic), aggregate SELECTs (count, sum, mean, median, mode,
 * spread, stddev, distinct, integral and the selectors first, last, min, max, percentile, top, bottom, alone, several
 * at once or inside arithmetic), WHERE with absolute time bounds and tag predicates (=, !=, =~, !~, AND, OR),
 * GROUP BY time(interval[, offset]) always with an upper time bound, GROUP BY tags, fill, ORDER BY time DESC,
 * LIMIT/OFFSET/SLIMIT/SOFFSET, and the SHOW statements about data.
 *
 * <p>It never generates what Tidemark does not implement yet (transformations, subqueries, SELECT INTO, DELETE,
 * DROP SERIES) nor anything whose answer depends on now(). A raw query gets LIMIT or OFFSET only with GROUP BY
 * *, where every output series is one stored series: rows of several series at one timestamp come in an
 * unspecified order, so a limit could cut them differently. Not thread-safe.
 */
final class QueryGenerator {
    private static final long NANOS = 1_000_000_000L;
    private static final String[] INTERVALS = {"1m", "5m", "10m", "15m", "30m", "1h", "90m", "2h", "6h", "12h", "1d"};
    private static final String[] FILLS = {"null", "none", "previous", "linear", "0"};

    private final Random random;
    private final Schema schema;

    QueryGenerator(Random random, Schema schema) {
        this.random = random;
        this.schema = schema;
    }

    String next() {
        int kind = random.nextInt(100);
        if (kind < 30) {
            return raw();
        }
        if (kind < 87) {
            return aggregate();
        }
        return show();
    }

    // ---- raw SELECT ---------------------------------------------------------------------------------------------

    private String raw() {
        Measurement m = measurement();
        List<String> items = new ArrayList<>();
        if (random.nextInt(5) == 0) {
            items.add("*");
        } else {
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                items.add(rawItem(m));
            }
        }
        StringBuilder q = new StringBuilder("SELECT ").append(String.join(", ", items)).append(" FROM ")
                .append(from(m));
        List<String> conditions = new ArrayList<>();
        if (random.nextInt(10) < 7) {
            conditions.add(timeRange(randomInstant(), true, random.nextInt(4) != 0));
        }
        if (random.nextBoolean()) {
            conditions.add(tagPredicate(m, 0));
        }
        if (random.nextInt(7) == 0) {
            conditions.add(fieldPredicate(m));
        }
        where(q, conditions);
        boolean groupAll = false;
        int g = random.nextInt(10);
        if (g < 2) {
            q.append(" GROUP BY *");
            groupAll = true;
        } else if (g < 4) {
            q.append(" GROUP BY ").append(groupTags(m));
        }
        if (random.nextInt(5) == 0) {
            q.append(" ORDER BY time DESC");
        }
        if (groupAll && random.nextInt(3) == 0) {
            limitOffset(q);
        }
        if (g < 4 && random.nextInt(5) == 0) {
            slimit(q);
        }
        return q.toString();
    }

    private String rawItem(Measurement m) {
        int k = random.nextInt(20);
        String item;
        if (k < 10) {
            item = field(m.fields());
        } else if (k < 11) {
            item = field(m.fields()) + "::field";
        } else if (k < 14) {
            String tag = pick(m.tagKeys());
            item = random.nextInt(3) == 0 ? tag + "::tag" : tag;
        } else {
            List<Field> numeric = m.fieldsOf(FieldType.FLOAT, FieldType.INTEGER);
            item = arithmetic(field(numeric), field(numeric), m.fieldsOf(FieldType.INTEGER).isEmpty() ? null
                    : field(m.fieldsOf(FieldType.INTEGER)));
        }
        if (random.nextInt(5) == 0) {
            item += " AS a" + random.nextInt(1000);
        }
        return item;
    }

    private String arithmetic(String a, String b, String integer) {
        return switch (random.nextInt(8)) {
            case 0 -> a + " * 2";
            case 1 -> a + " + " + b;
            case 2 -> a + " - " + b;
            case 3 -> a + " / " + b;
            case 4 -> "(" + a + " + 1.5) * " + b;
            case 5 -> integer == null ? a + " / 4" : integer + " % 7";
            case 6 -> a + " / 0";
            default -> integer == null ? a + " * -1" : integer + " / 3";
        };
    }

    private String fieldPredicate(Measurement m) {
        Field f = pick(m.fields());
        String name = identifier(f.name());
        return switch (f.type()) {
            case FLOAT -> name + pick(" > ", " < ", " >= ", " <= ") + (random.nextInt(100) - 10);
            case INTEGER -> name + pick(" > ", " = ", " != ", " < ") + (random.nextInt(10) - 5);
            case STRING -> name + pick(" = ", " != ") + pick("'ok'", "'rain'", "'a'", "'partly \"cloudy\"'");
            case BOOLEAN -> name + pick(" = ", " != ") + pick("true", "false");
        };
    }

    // ---- aggregate SELECT ---------------------------------------------------------------------------------------

    private String aggregate() {
        Measurement m = measurement();
        List<Field> numeric = m.fieldsOf(FieldType.FLOAT, FieldType.INTEGER);
        List<String> items = new ArrayList<>();
        int kind = random.nextInt(100);
        boolean fillable = true;
        if (kind < 12) {
            String fn = pick("top", "bottom");
            String args = field(numeric) + (random.nextInt(4) == 0 ? ", " + pick(m.tagKeys()) : "");
            items.add(fn + "(" + args + ", " + (1 + random.nextInt(5)) + ")");
            if (random.nextInt(5) == 0) {
                items.add(pick(m.tagKeys()));
            }
            fillable = false;
        } else if (kind < 20) {
            String f = field(m.fields());
            items.add(random.nextInt(3) == 0 ? "count(distinct(" + f + "))" : "distinct(" + f + ")");
        } else if (kind < 27) {
            items.add(pick("first", "last", "min", "max") + "(" + field(numeric) + ")");
            items.add(random.nextBoolean() ? field(m.fields()) : pick(m.tagKeys()));
            if (random.nextBoolean()) {
                items.add(field(m.fields()));
            }
        } else if (kind < 31) {
            items.add(pick("count", "mean", "max", "sum", "last") + "(" + pick("*", "/^[a-p]/", "/e/") + ")");
        } else {
            int n = 1 + (random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0);
            for (int i = 0; i < n; i++) {
                String call = call(m);
                if (random.nextInt(7) == 0) {
                    call = pick(call + " * 2", call + " + " + call(m), call + " / " + call(m), call + " - 1");
                }
                if (random.nextInt(6) == 0) {
                    call += " AS c" + i;
                }
                items.add(call);
            }
        }
        StringBuilder q = new StringBuilder("SELECT ").append(String.join(", ", items)).append(" FROM ")
                .append(from(m));
        List<String> conditions = new ArrayList<>();
        String interval = null;
        if (random.nextInt(10) < 6) {
            interval = pick(INTERVALS);
            long intervalNanos = nanosOf(interval);
            long lo = randomInstant();
            long hi = lo + intervalNanos * (1 + random.nextInt(120)) + (random.nextBoolean() ? 0
                    : (long) random.nextInt(3600) * NANOS);
            conditions.add(bounds(lo, hi));
        } else if (random.nextInt(10) < 6) {
            conditions.add(timeRange(randomInstant(), random.nextInt(4) != 0, random.nextInt(4) != 0));
        }
        if (random.nextBoolean()) {
            conditions.add(tagPredicate(m, 0));
        }
        where(q, conditions);
        List<String> groups = new ArrayList<>();
        if (interval != null) {
            groups.add("time(" + interval + offset(interval) + ")");
        }
        boolean byTags = random.nextInt(10) < 4;
        if (byTags) {
            groups.add(random.nextInt(4) == 0 ? "*" : random.nextInt(12) == 0 ? "/^h/" : groupTags(m));
        }
        if (!groups.isEmpty()) {
            if (random.nextInt(3) == 0) {
                Collections.reverse(groups);
            }
            q.append(" GROUP BY ").append(String.join(", ", groups));
        }
        if (interval != null && fillable && random.nextBoolean()) {
            q.append(" fill(").append(random.nextInt(15) == 0 ? "-1" : pick(FILLS)).append(')');
        }
        if (random.nextInt(7) == 0) {
            q.append(" ORDER BY time DESC");
        }
        if (random.nextInt(5) == 0) {
            limitOffset(q);
        }
        if (byTags && random.nextInt(6) == 0) {
            slimit(q);
        }
        return q.toString();
    }

    private String call(Measurement m) {
        List<Field> numeric = m.fieldsOf(FieldType.FLOAT, FieldType.INTEGER);
        return switch (random.nextInt(13)) {
            case 0 -> "count(" + field(m.fields()) + ")";
            case 1 -> "sum(" + field(numeric) + ")";
            case 2 -> "mean(" + field(numeric) + ")";
            case 3 -> "median(" + field(numeric) + ")";
            case 4 -> "mode(" + field(m.fields()) + ")";
            case 5 -> "spread(" + field(numeric) + ")";
            case 6 -> "stddev(" + field(numeric) + ")";
            case 7 -> "integral(" + field(numeric) + (random.nextBoolean() ? "" : ", " + pick("1s", "1m", "1h")) + ")";
            case 8 -> "first(" + field(m.fields()) + ")";
            case 9 -> "last(" + field(m.fields()) + ")";
            case 10 -> "min(" + field(numeric) + ")";
            case 11 -> "max(" + field(numeric) + ")";
            default -> "percentile(" + field(numeric) + ", " + pick("5", "50", "90", "95.5", "99", "100") + ")";
        };
    }

    private String offset(String interval) {
        if (random.nextInt(4) != 0) {
            return "";
        }
        long seconds = nanosOf(interval) / NANOS;
        long offset = seconds <= 60 ? random.nextInt(60) : (1 + random.nextInt((int) (seconds / 60) - 1)) * 60L;
        boolean negative = random.nextInt(3) == 0;
        return ", " + (negative ? "-" : "") + (offset % 60 == 0 ? offset / 60 + "m" : offset + "s");
    }

    // ---- SHOW ---------------------------------------------------------------------------------------------------

    private String show() {
        Measurement m = measurement();
        return switch (random.nextInt(5)) {
            case 0 -> {
                StringBuilder q = new StringBuilder("SHOW MEASUREMENTS");
                if (random.nextInt(3) == 0) {
                    q.append(" WITH MEASUREMENT ").append(pick("=~ /e/", "=~ /^(cpu|disk)$/", "= weather", "!~ /u/"));
                }
                if (random.nextInt(3) == 0) {
                    q.append(" WHERE ").append(tagPredicate(m, 0));
                }
                if (random.nextInt(4) == 0) {
                    limitOffset(q);
                }
                yield q.toString();
            }
            case 1 -> {
                StringBuilder q = new StringBuilder("SHOW TAG KEYS").append(showFrom(m));
                if (random.nextInt(3) == 0) {
                    q.append(" WHERE ").append(tagPredicate(m, 0));
                }
                if (random.nextInt(4) == 0) {
                    limitOffset(q);
                }
                yield q.toString();
            }
            case 2 -> {
                StringBuilder q = new StringBuilder("SHOW TAG VALUES").append(showFrom(m)).append(" WITH KEY ");
                q.append(switch (random.nextInt(4)) {
                    case 0 -> "IN (" + pick(m.tagKeys()) + ", " + pick(m.tagKeys()) + ")";
                    case 1 -> pick("=~ /o/", "=~ /^h/", "!~ /o/");
                    case 2 -> "!= " + pick(m.tagKeys());
                    default -> "= " + pick(m.tagKeys());
                });
                if (random.nextInt(3) == 0) {
                    q.append(" WHERE ").append(tagPredicate(m, 0));
                }
                if (random.nextInt(4) == 0) {
                    limitOffset(q);
                }
                yield q.toString();
            }
            case 3 -> "SHOW FIELD KEYS" + showFrom(m);
            default -> {
                StringBuilder q = new StringBuilder("SHOW SERIES").append(showFrom(m));
                if (random.nextInt(3) == 0) {
                    q.append(" WHERE ").append(tagPredicate(m, 0));
                }
                if (random.nextInt(4) == 0) {
                    limitOffset(q);
                }
                yield q.toString();
            }
        };
    }

    private String showFrom(Measurement m) {
        return switch (random.nextInt(5)) {
            case 0, 1 -> "";
            case 2 -> " FROM /" + pick("^c", "e", "^(cpu|events)$") + "/";
            default -> " FROM " + m.name();
        };
    }

    // ---- shared pieces ------------------------------------------------------------------------------------------

    private Measurement measurement() {
        return pick(schema.measurements());
    }

    /** Mostly the measurement itself; sometimes qualified, a list or a regex that includes it. */
    private String from(Measurement m) {
        return switch (random.nextInt(25)) {
            case 0 -> "\"" + Schema.DATABASE + "\".\"autogen\"." + m.name();
            case 1 -> Schema.DATABASE + "..\"" + m.name() + "\"";
            case 2 -> m.name() + ", " + pick(schema.measurements()).name();
            case 3 -> "/^" + m.name().charAt(0) + "/";
            default -> m.name();
        };
    }

    private String tagPredicate(Measurement m, int depth) {
        if (depth < 2 && random.nextInt(3) == 0) {
            String op = random.nextBoolean() ? " AND " : " OR ";
            return "(" + tagPredicate(m, depth + 1) + op + tagPredicate(m, depth + 1) + ")";
        }
        String key = random.nextInt(25) == 0 ? "nokey" : pick(m.tagKeys());
        List<String> vocabulary = m.tags().getOrDefault(key, List.of("x"));
        int k = random.nextInt(100);
        if (k < 60) {
            String value = random.nextInt(15) == 0 ? "" : random.nextInt(15) == 0 ? "zz" : pick(vocabulary);
            return key + (k < 40 ? " = '" : " != '") + value + "'";
        }
        String regex = switch (random.nextInt(5)) {
            case 0 -> "^(" + pick(vocabulary) + "|" + pick(vocabulary) + ")$";
            case 1 -> "^" + pick(vocabulary).charAt(0);
            case 2 -> "^$";
            case 3 -> ".";
            default -> pick(vocabulary).length() > 1 ? pick(vocabulary).substring(1) : "o";
        };
        regex = regex.replace("/", "\\/");
        return key + (k < 85 ? " =~ /" : " !~ /") + regex + "/";
    }

    private String groupTags(Measurement m) {
        List<String> keys = new ArrayList<>(m.tagKeys());
        Collections.shuffle(keys, random);
        int n = 1 + random.nextInt(keys.size());
        List<String> chosen = new ArrayList<>(keys.subList(0, n));
        if (random.nextInt(15) == 0) {
            chosen.add("nokey");
        }
        return String.join(", ", chosen);
    }

    private void where(StringBuilder q, List<String> conditions) {
        if (!conditions.isEmpty()) {
            Collections.shuffle(conditions, random);
            q.append(" WHERE ").append(String.join(" AND ", conditions));
        }
    }

    private void limitOffset(StringBuilder q) {
        int k = random.nextInt(3);
        if (k != 1) {
            q.append(" LIMIT ").append(1 + random.nextInt(6));
        }
        if (k != 0) {
            q.append(" OFFSET ").append(random.nextInt(4));
        }
    }

    private void slimit(StringBuilder q) {
        int k = random.nextInt(3);
        if (k != 1) {
            q.append(" SLIMIT ").append(1 + random.nextInt(4));
        }
        if (k != 0) {
            q.append(" SOFFSET ").append(random.nextInt(3));
        }
    }

    /** A time range starting at {@code lo}, lasting from ten minutes to a day and a half. */
    private String timeRange(long lo, boolean lower, boolean upper) {
        long hi = lo + (600 + (long) random.nextInt(130_000)) * NANOS;
        if (lower && upper) {
            return bounds(lo, hi);
        }
        if (lower) {
            return "time " + pick(">=", ">") + " " + timeLiteral(lo);
        }
        return "time " + pick("<", "<=") + " " + timeLiteral(hi);
    }

    private String bounds(long lo, long hi) {
        return "time " + pick(">=", ">") + " " + timeLiteral(lo) + " AND time " + pick("<", "<=") + " "
                + timeLiteral(hi);
    }

    /** An instant from two hours before the data to two hours after it, often on a round minute or hour. */
    private long randomInstant() {
        long seconds = Schema.START_SECONDS - 7200 + random.nextInt((int) Schema.SPAN_SECONDS + 14_400);
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> seconds / 3600 * 3600 * NANOS;
            case 4, 5, 6 -> seconds / 60 * 60 * NANOS;
            case 7 -> seconds * NANOS + random.nextInt(1_000_000_000);
            default -> seconds * NANOS;
        };
    }

    private String timeLiteral(long nanos) {
        int k = random.nextInt(20);
        if (k < 10) {
            return "'" + rfc3339(nanos) + "'";
        }
        if (k < 15) {
            return Long.toString(nanos);
        }
        if (k < 17 && nanos % NANOS == 0) {
            return nanos / NANOS + "s";
        }
        if (nanos % (3600 * NANOS) == 0) {
            return "'" + rfc3339(nanos - 3600 * NANOS) + "' + 1h";
        }
        return "'" + rfc3339(nanos + 1800 * NANOS) + "' - 30m";
    }

    private static String rfc3339(long nanos) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(0, nanos));
    }

    private static long nanosOf(String duration) {
        long n = Long.parseLong(duration.substring(0, duration.length() - 1));
        return n * NANOS * switch (duration.charAt(duration.length() - 1)) {
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86_400;
            default -> 1;
        };
    }

    private String field(List<Field> fields) {
        return identifier(pick(fields).name());
    }

    /** weather's field desc is also the keyword DESC, so it must be quoted; the other names need not be. */
    private static String identifier(String name) {
        return name.equals("desc") ? "\"desc\"" : name;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }
}
