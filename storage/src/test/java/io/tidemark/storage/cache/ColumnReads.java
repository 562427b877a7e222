package io.tidemark.storage.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A column's values in a range as "time=bits" strings, and what a model of last writes says they must be. */
final class ColumnReads {
    private ColumnReads() {
    }

    static List<String> read(Column c, long min, long max) {
        CacheCursor cursor = c.cursor(min, max);
        List<String> out = new ArrayList<>();
        while (cursor.next()) {
            out.add(cursor.timestamp() + "=" + cursor.longValue());
        }
        return out;
    }

    static List<String> expected(TreeMap<Long, Long> model, long min, long max) {
        List<String> out = new ArrayList<>();
        if (min > max) {
            return out;
        }
        for (Map.Entry<Long, Long> e : model.subMap(min, true, max, true).entrySet()) {
            out.add(e.getKey() + "=" + e.getValue());
        }
        return out;
    }
}
