package io.tidemark.storage.cache;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.SeriesCursor;
import java.util.ArrayList;
import java.util.Arrays;
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
        Series s = series.get(ByteKey.probe().set(seriesKey, 0, seriesKey.length));
        Column c = s == null ? null : s.column(field);
        return c == null ? null : c.cursor(minTimeNanos, maxTimeNanos);
    }

    /** {@link #read}, latest first. Any thread. */
    public SeriesCursor readDescending(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos) {
        Series s = series.get(ByteKey.probe().set(seriesKey, 0, seriesKey.length));
        Column c = s == null ? null : s.column(field);
        return c == null ? null : c.cursor(minTimeNanos, maxTimeNanos).descending();
    }

    /** The series keys of the generation, sorted by unsigned bytes; for a snapshot of a frozen generation. */
    public List<byte[]> sortedSeriesKeys() {
        List<byte[]> keys = new ArrayList<>(series.size());
        for (ByteKey k : series.keySet()) {
            keys.add(k.toByteArray());
        }
        keys.sort(Arrays::compareUnsigned);
        return keys;
    }

    /**
     * The fields of a series with their types, sorted by the unsigned bytes of their UTF-8 names (the TSM key
     * order). Empty for an unknown series.
     */
    public List<FieldDef> sortedFields(byte[] seriesKey) {
        Series s = series.get(ByteKey.probe().set(seriesKey, 0, seriesKey.length));
        if (s == null) {
            return List.of();
        }
        List<FieldDef> out = new ArrayList<>();
        for (Column c : s.columns()) {
            out.add(c.field());
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** Receives a column's values for a snapshot: {@code string} is null but for string fields. */
    @FunctionalInterface
    public interface ValueSink {
        void value(long timeNanos, long bits, byte[] string) throws java.io.IOException;
    }

    /** Hands the values of one field of one series to {@code sink}, sorted and deduplicated; false if none. */
    public boolean copyValues(byte[] seriesKey, FieldDef field, ValueSink sink) throws java.io.IOException {
        Series s = series.get(ByteKey.probe().set(seriesKey, 0, seriesKey.length));
        Column c = s == null ? null : s.column(field);
        if (c == null) {
            return false;
        }
        c.cursor(Long.MIN_VALUE, Long.MAX_VALUE).drainTo(sink);
        return true;
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
