package io.tidemark.query.select;

import io.tidemark.influxql.ast.Call;
import io.tidemark.influxql.ast.Expr;
import io.tidemark.influxql.ast.Field;
import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.expr.Exprs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Output column names as InfluxQL's {@code ColumnNames}: the time column, then one column per field (plus one per
 * extra tag or field argument of {@code top()}/{@code bottom()}); aliases first, then derived names, a repeated name
 * getting {@code _1}, {@code _2}, ...
 *
 * <p>Stateless; thread-safe.
 */
public final class ColumnNames {
    private ColumnNames() {
    }

    /** The fields that make columns, after the time column: each field and the extra top/bottom arguments. */
    public static List<Field> columnFields(List<Field> fields) {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            out.add(f);
            if (f.expr() instanceof Call c && (c.name().equals("top") || c.name().equals("bottom"))) {
                for (Expr a : c.args().subList(1, c.args().size())) {
                    if (a instanceof VarRef r) {
                        out.add(Field.of(r));
                    }
                }
            }
        }
        return out;
    }

    /** The column names, {@code timeColumn} first (omitted when null). */
    public static List<String> of(String timeColumn, List<Field> fields) {
        List<Field> cols = columnFields(fields);
        String[] names = new String[cols.size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < cols.size(); i++) {
            if (!cols.get(i).alias().isEmpty()) {
                names[i] = cols.get(i).alias();
                seen.put(names[i], 1);
            }
        }
        for (int i = 0; i < cols.size(); i++) {
            if (names[i] != null) {
                continue;
            }
            String name = Exprs.fieldName(cols.get(i));
            Integer count = seen.get(name);
            if (count != null) {
                int n = count;
                while (true) {
                    String resolved = name + "_" + n;
                    if (!seen.containsKey(resolved)) {
                        seen.put(name, n + 1);
                        name = resolved;
                        break;
                    }
                    n++;
                }
            }
            seen.merge(name, 1, Integer::sum);
            names[i] = name;
        }
        List<String> out = new ArrayList<>(names.length + 1);
        if (timeColumn != null) {
            out.add(timeColumn);
        }
        out.addAll(List.of(names));
        return out;
    }
}
