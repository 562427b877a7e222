package io.tidemark.storage.index;

import io.tidemark.common.FieldType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The changes to an index not yet written to its log, in the order they happened (a series dropped and added
 * again must replay in that order). A new series is recorded as its id only: its key is rebuilt from the index
 * when the change is written, so this list costs 8 bytes per new series, not a copy of its key.
 *
 * <p>Bounded by what happens between two {@link SeriesIndexFiles#flush() flushes}: each series is added and
 * deleted at most once and each field registered once per drop of its measurement, so the list never holds more
 * entries than the index has series and fields; the owner flushes after every WAL group commit to keep it short.
 *
 * <p>Not thread-safe: guarded by the index's write lock.
 */
final class PendingChanges {
    static final int ADD_SERIES = 1;
    static final int DELETE_SERIES = 2;
    static final int ADD_FIELD = 3;
    static final int DROP_FIELDS = 4;

    /** A field registered: the measurement (escaped), the field name and its type. */
    record Field(byte[] measurement, String name, FieldType type) {
    }

    /** The changes: kind in the high half, series id or index into {@link #objects} in the low half. */
    private long[] ops = new long[64];
    private int count;
    /** Fields ({@link Field}) and dropped measurements (escaped names, {@code byte[]}) referred to by ops. */
    private final List<Object> objects = new ArrayList<>();

    void addSeries(int id) {
        append(ADD_SERIES, id);
    }

    void deleteSeries(int id) {
        append(DELETE_SERIES, id);
    }

    void addField(byte[] measurement, String name, FieldType type) {
        objects.add(new Field(measurement, name, type));
        append(ADD_FIELD, objects.size() - 1);
    }

    void dropFields(byte[] measurement) {
        objects.add(measurement);
        append(DROP_FIELDS, objects.size() - 1);
    }

    int size() {
        return count;
    }

    static int kind(long op) {
        return (int) (op >>> 32);
    }

    static int payload(long op) {
        return (int) op;
    }

    /** A copy of the first {@code n} changes with the objects they refer to, for writing outside the lock. */
    Batch copy(int n) {
        long[] taken = Arrays.copyOf(ops, n);
        Object[] refs = new Object[n];
        for (int i = 0; i < n; i++) {
            int kind = kind(taken[i]);
            if (kind == ADD_FIELD || kind == DROP_FIELDS) {
                refs[i] = objects.get(payload(taken[i]));
            }
        }
        return new Batch(taken, refs);
    }

    /** Forgets the first {@code n} changes (written, or covered by a snapshot). */
    void dropFirst(int n) {
        int objectsUsed = 0;
        for (int i = 0; i < n; i++) {
            int kind = kind(ops[i]);
            if (kind == ADD_FIELD || kind == DROP_FIELDS) {
                objectsUsed++;
            }
        }
        System.arraycopy(ops, n, ops, 0, count - n);
        count -= n;
        objects.subList(0, objectsUsed).clear();
        for (int i = 0; i < count; i++) {
            int kind = kind(ops[i]);
            if (kind == ADD_FIELD || kind == DROP_FIELDS) {
                ops[i] = ((long) kind << 32) | (payload(ops[i]) - objectsUsed);
            }
        }
        if (count == 0 && ops.length > 1024) {
            ops = new long[64];
        }
    }

    private void append(int kind, int payload) {
        if (count == ops.length) {
            ops = Arrays.copyOf(ops, count * 2);
        }
        ops[count++] = ((long) kind << 32) | (payload & 0xFFFFFFFFL);
    }

    /**
     * Changes taken for writing: {@code ops[i]} as in the list, {@code objects[i]} its {@link Field} or dropped
     * measurement name, null for series changes.
     */
    record Batch(long[] ops, Object[] objects) {
    }
}
