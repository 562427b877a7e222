package io.tidemark.query.select;

import io.tidemark.query.QueryException;
import io.tidemark.query.agg.AggPoint;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Joins the calls' point streams into rows as InfluxDB's scanner cursor (one call) or multi-scanner cursor (several
 * calls) does: a row is at the smallest (group, time) the calls' next points have, in the statement's order, and
 * takes each call's value from the call's point at that group and time, or the default (the fill number, else null)
 * when it has none. Values persist from row to row within a group (so {@code fill(previous)} keeps them) and are
 * cleared when the group changes.
 *
 * <p>A null from a stream (see {@link PointStream}) makes that call look finished for the current row; when all look
 * finished {@link #next} returns false although later points may follow, and a single call's cursor also forgets
 * its values then. The caller decides, as InfluxDB's emitter does, whether that is the end.
 *
 * <p>Not thread-safe.
 */
final class CallCursor {
    private final BufferedStream[] streams;
    private final boolean ascending;
    private final boolean keepsPrevious;
    private final IntFunction<Object> symbolDefault;
    private final IntFunction<Object> auxDefault;
    private final Object[] symbols;
    private final Object[] aux;
    private final int scanning;
    private int group = -1;
    private long time;

    /**
     * @param streams per call, its stream; null for a call InfluxDB builds no iterator for (a field of unknown
     *     type), whose value is never set
     * @param auxCount the number of auxiliary values the points carry
     * @param symbolDefault per call, the value a missing point gives
     * @param auxDefault per auxiliary value, the value a missing one gives
     */
    CallCursor(List<PointStream> streams, int auxCount, boolean ascending, boolean keepsPrevious,
            IntFunction<Object> symbolDefault, IntFunction<Object> auxDefault) {
        this.streams = new BufferedStream[streams.size()];
        int n = 0;
        for (int i = 0; i < this.streams.length; i++) {
            if (streams.get(i) != null) {
                this.streams[i] = new BufferedStream(streams.get(i));
                n++;
            }
        }
        this.scanning = n;
        this.ascending = ascending;
        this.keepsPrevious = keepsPrevious;
        this.symbolDefault = symbolDefault;
        this.auxDefault = auxDefault;
        this.symbols = new Object[streams.size()];
        this.aux = new Object[auxCount];
    }

    /** Moves to the next row; false when every call looks finished (see the class comment). */
    boolean next() throws QueryException {
        if (scanning == 0) {
            return false;
        }
        boolean found = false;
        int g = 0;
        long t = 0;
        for (BufferedStream s : streams) {
            if (s == null) {
                continue;
            }
            StreamPoint p = s.peek();
            if (p == null) {
                continue;
            }
            if (!found || p.group() < g || (p.group() == g && (ascending ? p.time() < t : p.time() > t))) {
                g = p.group();
                t = p.time();
                found = true;
            }
        }
        if (!found) {
            if (scanning == 1) {
                clear();
                group = -1;
            }
            return false;
        }
        if (g != group) {
            clear();
        }
        for (int i = 0; i < streams.length; i++) {
            BufferedStream s = streams[i];
            if (s == null) {
                continue;
            }
            StreamPoint p = s.next();
            if (p == null || p.group() != g || p.time() != t) {
                s.unread(p);
                defaults(i);
            } else {
                take(i, p.point());
            }
        }
        group = g;
        time = t;
        return true;
    }

    int group() {
        return group;
    }

    long time() {
        return time;
    }

    /** The value of call {@code i} at the current row. */
    Object symbol(int i) {
        return symbols[i];
    }

    /** Auxiliary value {@code j} at the current row. */
    Object aux(int j) {
        return aux[j];
    }

    private void take(int call, AggPoint p) {
        if (p.value() != null) {
            symbols[call] = p.value();
        } else if (!keepsPrevious) {
            symbols[call] = symbolDefault.apply(call);
        }
        for (int j = 0; j < aux.length; j++) {
            Object v = p.aux() == null ? null : p.aux()[j];
            if (v != null) {
                aux[j] = v;
            } else if (!keepsPrevious) {
                aux[j] = auxDefault.apply(j);
            }
        }
    }

    private void defaults(int call) {
        if (keepsPrevious) {
            return;
        }
        symbols[call] = symbolDefault.apply(call);
        for (int j = 0; j < aux.length; j++) {
            aux[j] = auxDefault.apply(j);
        }
    }

    private void clear() {
        Arrays.fill(symbols, null);
        Arrays.fill(aux, null);
    }
}
