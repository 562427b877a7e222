package io.tidemark.influxql.ast;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code SELECT fields [INTO target] FROM sources [WHERE condition] [GROUP BY dimensions] [fill(..)]
 * [ORDER BY time ASC|DESC] [LIMIT n] [OFFSET n] [SLIMIT n] [SOFFSET n] [tz('zone')]}.
 *
 * @param target null if there is no INTO clause
 * @param condition null if there is no WHERE clause
 * @param fillValue the {@code fill(<number>)} value ({@link Long} or {@link Double}) when {@code fill} is NUMBER,
 *     else null
 * @param limit 0 = no limit; likewise offset, sLimit, sOffset
 * @param location the {@code tz()} zone, null if not given
 */
public record SelectStatement(List<Field> fields, Target target, List<Source> sources, Expr condition,
        List<Dimension> dimensions, FillOption fill, Number fillValue, List<SortField> sortFields, long limit,
        long offset, long sLimit, long sOffset, ZoneId location) implements Statement {
    public SelectStatement {
        fields = List.copyOf(fields);
        sources = List.copyOf(sources);
        dimensions = List.copyOf(dimensions);
        sortFields = List.copyOf(sortFields);
        Objects.requireNonNull(fill);
        if ((fill == FillOption.NUMBER) != (fillValue != null)) {
            throw new IllegalArgumentException("fill value must be given exactly for fill(<number>)");
        }
        if (fillValue != null && !(fillValue instanceof Long) && !(fillValue instanceof Double)) {
            throw new IllegalArgumentException("fill value must be a Long or a Double: " + fillValue.getClass());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.fields = new ArrayList<>(fields);
        b.target = target;
        b.sources = new ArrayList<>(sources);
        b.condition = condition;
        b.dimensions = new ArrayList<>(dimensions);
        b.fill = fill;
        b.fillValue = fillValue;
        b.sortFields = new ArrayList<>(sortFields);
        b.limit = limit;
        b.offset = offset;
        b.sLimit = sLimit;
        b.sOffset = sOffset;
        b.location = location;
        return b;
    }

    /** True when no field contains a function call (a raw query rather than an aggregate/selector query). */
    public boolean isRawQuery() {
        for (Field f : fields) {
            if (containsCall(f.expr())) {
                return false;
            }
        }
        return true;
    }

    /** True if rows are ordered by ascending time (the default). */
    public boolean timeAscending() {
        return sortFields.isEmpty() || sortFields.getFirst().ascending();
    }

    /**
     * The interval of the {@code time(...)} dimension, or zero if there is none.
     *
     * @throws IllegalArgumentException with InfluxDB's message if the time dimension is malformed
     */
    public Duration groupByInterval() {
        for (Dimension d : dimensions) {
            if (d.expr() instanceof Call c && c.name().equals("time")) {
                if (c.args().isEmpty() || c.args().size() > 2) {
                    throw new IllegalArgumentException("time dimension expected 1 or 2 arguments");
                }
                if (!(c.args().getFirst() instanceof DurationLiteral lit)) {
                    throw new IllegalArgumentException("time dimension must have duration argument");
                }
                return lit.value();
            }
        }
        return Duration.ZERO;
    }

    private static boolean containsCall(Expr e) {
        return switch (e) {
            case Call c -> true;
            case BinaryExpr b -> containsCall(b.lhs()) || containsCall(b.rhs());
            case ParenExpr p -> containsCall(p.expr());
            default -> false;
        };
    }

    @Override
    public String toString() {
        Clauses c = new Clauses("SELECT ").text(Clauses.join(fields));
        if (target != null) {
            c.text(" ").text(target.toString());
        }
        c.from(sources).where(condition).groupBy(dimensions);
        switch (fill) {
            case NONE -> c.text(" fill(none)");
            case NUMBER -> c.text(" fill(").text(fillValue instanceof Double d ? NumberLiteral.format(d)
                    : fillValue.toString()).text(")");
            case LINEAR -> c.text(" fill(linear)");
            case PREVIOUS -> c.text(" fill(previous)");
            case NULL -> {
            }
        }
        c.orderBy(sortFields).positive("LIMIT", limit).positive("OFFSET", offset).positive("SLIMIT", sLimit)
                .positive("SOFFSET", sOffset);
        if (location != null) {
            c.text(" TZ('").text(location.getId()).text("')");
        }
        return c.toString();
    }

    /** Mutable assembly of a {@link SelectStatement}; not thread-safe. */
    public static final class Builder {
        private List<Field> fields = new ArrayList<>();
        private Target target;
        private List<Source> sources = new ArrayList<>();
        private Expr condition;
        private List<Dimension> dimensions = new ArrayList<>();
        private FillOption fill = FillOption.NULL;
        private Number fillValue;
        private List<SortField> sortFields = new ArrayList<>();
        private long limit;
        private long offset;
        private long sLimit;
        private long sOffset;
        private ZoneId location;

        private Builder() {
        }

        public Builder fields(List<Field> v) {
            fields = new ArrayList<>(v);
            return this;
        }

        public Builder fields(Field... v) {
            return fields(Arrays.asList(v));
        }

        public Builder target(Target v) {
            target = v;
            return this;
        }

        public Builder sources(List<Source> v) {
            sources = new ArrayList<>(v);
            return this;
        }

        public Builder sources(Source... v) {
            return sources(Arrays.asList(v));
        }

        public Builder condition(Expr v) {
            condition = v;
            return this;
        }

        public Builder dimensions(List<Dimension> v) {
            dimensions = new ArrayList<>(v);
            return this;
        }

        public Builder dimensions(Dimension... v) {
            return dimensions(Arrays.asList(v));
        }

        public Builder fill(FillOption option, Number value) {
            fill = option;
            fillValue = value;
            return this;
        }

        public Builder sortFields(List<SortField> v) {
            sortFields = new ArrayList<>(v);
            return this;
        }

        public Builder sortFields(SortField... v) {
            return sortFields(Arrays.asList(v));
        }

        public Builder limit(long v) {
            limit = v;
            return this;
        }

        public Builder offset(long v) {
            offset = v;
            return this;
        }

        public Builder sLimit(long v) {
            sLimit = v;
            return this;
        }

        public Builder sOffset(long v) {
            sOffset = v;
            return this;
        }

        public Builder location(ZoneId v) {
            location = v;
            return this;
        }

        public SelectStatement build() {
            return new SelectStatement(fields, target, sources, condition, dimensions, fill, fillValue, sortFields,
                    limit, offset, sLimit, sOffset, location);
        }
    }
}
