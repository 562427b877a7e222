package io.tidemark.storage.cache;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.SeriesCursor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The series values a shard's cache took between two snapshots. The cache applies writes to its one active
 * generation; a snapshot freezes it (no value is added afterwards), writes it to a TSM file, and drops it. Numbered
 * by a per-shard sequence that also numbers files and tombstones: a generation with a higher number holds newer
 * writes.
 *
 * <p>Thread-safe: series and values are added by the cache applier only, read by anyone.
 */
public final class CacheGeneration {
    private final long seq;
    private final ConcurrentHashMap<ByteKey, Series> series = new ConcurrentHashMap<>();
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicLong unpackedBytes = new AtomicLong();
    private volatile long walCut;

    CacheGeneration(long seq) {
        this.seq = seq;
    }

    /** The generation's number. */
    public long seq() {
        return seq;
    }

    /** The bytes the generation holds (see {@link ShardCache#heldBytes()}). */
    public long heldBytes() {
        return heldBytes.get();
    }

    /**
     * What the generation would hold had no chunk been packed: the measure of its size for snapshots, so that packing
     * changes the memory a generation takes but not how many values a snapshot writes, nor how much of the WAL a
     * restart replays.
     */
    public long unpackedBytes() {
        return unpackedBytes.get();
    }

    void addHeld(long allocated, long packingGave) {
        unpackedBytes.addAndGet(allocated);
        heldBytes.addAndGet(allocated - packingGave);
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }

    public int seriesCount() {
        return series.size();
    }

    /**
     * The first WAL segment id that holds no write of this generation: set when it is frozen, so that once it is in
     * a file every segment below it can be deleted.
     */
    public long walCut() {
        return walCut;
    }

    void freeze(long walCut) {
        this.walCut = walCut;
    }

    Series series(ByteKey probe) {
        return series.get(probe);
    }

    Series addSeries(Series s) {
        Series prior = series.putIfAbsent(s.key(), s);
        if (prior != null) {
            throw new IllegalStateException("BUG: series " + s.key() + " added twice; only the applier adds series");
        }
        return s;
    }

    /** The values of one field of one series, or null if the generation has none. Any thread. */
    public SeriesCursor read(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos) {
        Column c = column(seriesKey, field);
        return c == null ? null : c.cursor(minTimeNanos, maxTimeNanos);
    }

    /** {@link #read}, latest first. Any thread. */
    public SeriesCursor readDescending(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos) {
        Column c = column(seriesKey, field);
        return c == null ? null : c.cursor(minTimeNanos, maxTimeNanos).descending();
    }

    private Column column(byte[] seriesKey, String field) {
        // An empty generation (the active one of a shard that is not written to) is common, and hashing the key to
        // look it up is most of a lookup's cost.
        if (series.isEmpty()) {
            return null;
        }
        Series s = series.get(ByteKey.probe().set(seriesKey, 0, seriesKey.length));
        return s == null ? null : s.column(field);
    }

    /** Receives a column's values for a snapshot: {@code string} is null but for string fields. */
    @FunctionalInterface
    public interface ValueSink {
        void value(long timeNanos, long bits, byte[] string) throws java.io.IOException;
    }

    /** Receives the series fields of a generation in TSM key order, for a snapshot. */
    @FunctionalInterface
    public interface FieldVisitor {
        /**
         * @param seriesKey the series key; the same array for the fields of one series, not to be modified
         * @param values hands the field's values, sorted and deduplicated, to a sink; false if it had none
         */
        void visit(byte[] seriesKey, FieldDef field, ValueSource values) throws java.io.IOException;
    }

    /** The values of one series field. */
    @FunctionalInterface
    public interface ValueSource {
        boolean drainTo(ValueSink sink) throws java.io.IOException;
    }

    /**
     * Hands every series field of the generation to {@code visitor} in the order of a TSM file: series by the
     * unsigned bytes of their keys, then fields by the unsigned bytes of their UTF-8 names. Walks the series and
     * their columns themselves, so that a snapshot of many series does not look each one up again per field. For a
     * frozen generation.
     */
    public void forEachFieldInKeyOrder(FieldVisitor visitor) throws java.io.IOException {
        List<Series> sorted = new ArrayList<>(series.values());
        sorted.sort((a, b) -> a.key().compareTo(b.key()));
        List<Column> columns = new ArrayList<>();
        for (Series s : sorted) {
            byte[] key = s.key().toByteArray();
            columns.clear();
            Collections.addAll(columns, s.columns());
            if (columns.size() > 1) {
                columns.sort((a, b) -> a.field().name().compareTo(b.field().name()));
            }
            for (Column c : columns) {
                visitor.visit(key, c.field(), sink -> {
                    c.cursor(Long.MIN_VALUE, Long.MAX_VALUE).drainTo(sink);
                    return true;
                });
            }
        }
    }

    /** The type of a field of this generation's series, or null. */
    public FieldType fieldType(byte[] seriesKey, String field) {
        Series s = series.get(ByteKey.probe().set(seriesKey, 0, seriesKey.length));
        Column c = s == null ? null : s.column(field);
        return c == null ? null : c.field().type();
    }

    @Override
    public String toString() {
        return "CacheGeneration[" + seq + ", series=" + series.size() + ", held=" + heldBytes + "]";
    }
}
