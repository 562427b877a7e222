package io.tidemark.query.select;

import io.tidemark.influxql.ast.BinaryExpr;
import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.DataType;
import io.tidemark.influxql.ast.Dimension;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Field;
import io.tidemark.influxql.ast.RegexLiteral;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.influxql.ast.Wildcard;
import io.tidemark.query.QueryException;
import io.tidemark.query.expr.DataTypes;
import io.tidemark.query.expr.Exprs;
import io.tidemark.query.expr.GoRegex;
import io.tidemark.query.series.SeriesKeyParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * InfluxQL's {@code RewriteFields}: gives every variable its type from the mapped shards, and expands {@code *},
 * {@code /regex/} and {@code f(*)} in the field list and {@code *} and {@code /regex/} in GROUP BY into the fields
 * and tags that exist, sorted by name.
 *
 * <p>Not thread-safe: one per statement.
 */
public final class FieldExpander {
    /** The rewritten statement parts. */
    public record Expanded(List<Field> fields, List<String> dimensions, Expr condition) {
    }

    private static final Comparator<VarRef> VAR_REF_ORDER = Comparator.comparing(VarRef::name)
            .thenComparingInt(r -> DataTypes.goOrder(r.type()));

    private final Catalog catalog;
    private final List<MappedSource> sources;
    private final Map<String, DataType> typeCache = new HashMap<>();

    public FieldExpander(Catalog catalog, List<MappedSource> sources) {
        this.catalog = catalog;
        this.sources = sources;
    }

    public Expanded expand(CompiledSelect c) throws QueryException {
        List<Field> fields = new ArrayList<>();
        for (Field f : c.fields()) {
            fields.add(new Field(typed(f.expr()), f.alias()));
        }
        Expr condition = typed(c.condition());

        boolean fieldWildcard = hasFieldWildcard(fields);
        boolean dimensionWildcard = c.dimensions().stream()
                .anyMatch(d -> d.expr() instanceof Wildcard || d.expr() instanceof RegexLiteral);
        if (!fieldWildcard && !dimensionWildcard) {
            return new Expanded(fields, dimensionNames(c.dimensions(), List.of()), condition);
        }

        Catalog.Schema schema = catalog.schema(sources);
        Set<String> dimensionSet = new LinkedHashSet<>(schema.tagKeys());
        if (!dimensionWildcard) {
            for (Dimension d : c.dimensions()) {
                if (d.expr() instanceof VarRef r) {
                    dimensionSet.remove(r.name());
                }
            }
        }
        List<VarRef> refs = new ArrayList<>();
        if (!schema.fields().isEmpty()) {
            schema.fields().forEach((name, type) -> refs.add(new VarRef(name, type)));
            if (!dimensionWildcard) {
                for (String t : dimensionSet) {
                    refs.add(new VarRef(t, DataType.TAG));
                }
                dimensionSet = Set.of();
            }
            refs.sort(VAR_REF_ORDER);
        }
        List<String> dimensions = new ArrayList<>(dimensionSet);
        dimensions.sort(SeriesKeyParser.BYTE_ORDER);

        if (fieldWildcard) {
            fields = expandFields(fields, refs);
        }
        return new Expanded(fields, dimensionNames(c.dimensions(), dimensions), condition);
    }

    private static List<String> dimensionNames(List<Dimension> dims, List<String> available) {
        List<String> out = new ArrayList<>();
        for (Dimension d : dims) {
            switch (d.expr()) {
                case Wildcard w -> out.addAll(available);
                case RegexLiteral r -> {
                    Pattern p = GoRegex.compile(r.pattern());
                    for (String name : available) {
                        if (GoRegex.matches(p, name)) {
                            out.add(name);
                        }
                    }
                }
                case VarRef r -> out.add(r.name());
                default -> {
                }
            }
        }
        return out;
    }

    private List<Field> expandFields(List<Field> fields, List<VarRef> refs) throws QueryException {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            switch (f.expr()) {
                case Wildcard w -> {
                    for (VarRef ref : refs) {
                        if (w.type() == DataType.ANY_FIELD && ref.type() == DataType.TAG) {
                            continue;
                        } else if (w.type() == DataType.TAG && ref.type() != DataType.TAG) {
                            continue;
                        }
                        out.add(Field.of(ref));
                    }
                }
                case RegexLiteral r -> {
                    Pattern p = GoRegex.compile(r.pattern());
                    for (VarRef ref : refs) {
                        if (GoRegex.matches(p, ref.name())) {
                            out.add(Field.of(ref));
                        }
                    }
                }
                case Call call -> expandCall(f, call, refs, out);
                case BinaryExpr b -> {
                    boolean[] found = new boolean[2];
                    Exprs.walk(b, x -> {
                        if (x instanceof Wildcard) {
                            found[0] = true;
                        } else if (x instanceof RegexLiteral) {
                            found[1] = true;
                        }
                    });
                    if (found[0]) {
                        throw new QueryException("unsupported expression with wildcard: " + f.expr());
                    } else if (found[1]) {
                        throw new QueryException("unsupported expression with regex field: " + f.expr());
                    }
                    out.add(f);
                }
                default -> out.add(f);
            }
        }
        return out;
    }

    private static void expandCall(Field f, Call template, List<VarRef> refs, List<Field> out) throws QueryException {
        // The wildcard is the first argument of the innermost call of a chain of first arguments.
        List<Call> chain = new ArrayList<>();
        Call call = template;
        chain.add(call);
        while (!call.args().isEmpty() && call.args().getFirst() instanceof Call inner) {
            call = inner;
            chain.add(call);
        }
        if (call.args().isEmpty()) {
            out.add(f);
            return;
        }
        Pattern re = null;
        switch (call.args().getFirst()) {
            case Wildcard w -> {
                if (w.type() == DataType.TAG) {
                    throw new QueryException("unable to use tag wildcard in " + call.name() + "()");
                }
            }
            case RegexLiteral r -> re = GoRegex.compile(r.pattern());
            default -> {
                out.add(f);
                return;
            }
        }
        Set<DataType> supported = EnumSet.of(DataType.FLOAT, DataType.INTEGER, DataType.UNSIGNED);
        switch (call.name()) {
            case "count", "first", "last", "distinct", "elapsed", "mode", "sample" -> {
                supported.add(DataType.STRING);
                supported.add(DataType.BOOLEAN);
            }
            case "min", "max" -> supported.add(DataType.BOOLEAN);
            default -> {
            }
        }
        String name = Exprs.fieldName(f);
        for (VarRef ref : refs) {
            if (ref.type() == DataType.TAG || !supported.contains(ref.type())) {
                continue;
            } else if (re != null && !GoRegex.matches(re, ref.name())) {
                continue;
            }
            out.add(new Field(replaceInnermost(chain, 0, new VarRef(ref.name(), ref.type())), name + "_" + ref.name()));
        }
    }

    private static Call replaceInnermost(List<Call> chain, int i, Expr arg) {
        Call c = chain.get(i);
        List<Expr> args = new ArrayList<>(c.args());
        args.set(0, i == chain.size() - 1 ? arg : replaceInnermost(chain, i + 1, arg));
        return new Call(c.name(), args);
    }

    private static boolean hasFieldWildcard(List<Field> fields) {
        for (Field f : fields) {
            boolean[] found = {false};
            Exprs.walk(f.expr(), x -> {
                if (x instanceof Wildcard || x instanceof RegexLiteral) {
                    found[0] = true;
                }
            });
            if (found[0]) {
                return true;
            }
        }
        return false;
    }

    /** Gives untyped (and {@code ::field}) variables the type the shards hold for them. */
    private Expr typed(Expr e) throws QueryException {
        if (e == null) {
            return null;
        }
        for (VarRef r : Exprs.varRefs(e)) {
            if ((r.type() == DataType.UNKNOWN || r.type() == DataType.ANY_FIELD) && !typeCache.containsKey(r.name())) {
                typeCache.put(r.name(), catalog.mapType(sources, r.name()));
            }
        }
        return Exprs.rewrite(e, x -> {
            if (x instanceof VarRef r && (r.type() == DataType.UNKNOWN || r.type() == DataType.ANY_FIELD)) {
                DataType t = typeCache.get(r.name());
                if (t == DataType.TAG && r.type() == DataType.ANY_FIELD) {
                    return r;
                }
                return new VarRef(r.name(), t);
            }
            return x;
        });
    }
}
