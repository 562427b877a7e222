package io.tidemark.storage.cache;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.CacheFullException;
import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.SeriesCursor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory data of one shard: its measurements and field types, its series, and their values. Bounded by
 * {@code cache-max-memory-size}: a write reserves an upper bound of what it will add before it is logged
 * ({@link #reserve}), and the applier converts the reservation into what it really allocated ({@link #commit}).
 * {@link #heldBytes()} counts what the cache holds (chunk capacities, not just values), so it is what a heap dump
 * would show, within the per-object estimates of {@link CacheSizes}.
 *
 * <p>Thread-safe: validation and reads from any thread, mutation of series and columns by the
 * {@link CacheApplier} only.
 */
public final class ShardCache {
    private final long limitBytes;
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicLong reservedBytes = new AtomicLong();
    private final ConcurrentHashMap<ByteKey, Series> series = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ByteKey, MeasurementFields> measurementsByKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, MeasurementFields> measurementsByName = new ConcurrentHashMap<>();

    /** @param limitBytes the most the cache may hold; 0 for no limit */
    public ShardCache(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("negative cache limit " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    /** Checks field types, registers new fields of accepted points, and sizes the reservation. Any thread. */
    public ValidatedBatch validate(PointBatch batch) {
        return new BatchValidator(this).validate(batch);
    }

    /**
     * Reserves room for a write about to be logged.
     *
     * @throws CacheFullException if what is held, what writes in flight reserved, and {@code bytes} exceed the limit
     */
    public void reserve(long bytes) throws CacheFullException {
        while (true) {
            // Reserved first, then held: commit() adds to held before it takes from reserved, so this never
            // misses bytes that moved from one to the other.
            long reserved = reservedBytes.get();
            long held = heldBytes.get();
            long required = held + reserved + bytes;
            if (limitBytes > 0 && required > limitBytes) {
                throw new CacheFullException(required, limitBytes);
            }
            if (reservedBytes.compareAndSet(reserved, reserved + bytes)) {
                return;
            }
        }
    }

    /** Gives back a reservation whose write was not applied. */
    public void release(long bytes) {
        reservedBytes.addAndGet(-bytes);
    }

    /** Converts a reservation into allocated bytes; applier only. */
    void commit(long allocated, long reserved) {
        heldBytes.addAndGet(allocated);
        reservedBytes.addAndGet(-reserved);
    }

    public long heldBytes() {
        return heldBytes.get();
    }

    public long reservedBytes() {
        return reservedBytes.get();
    }

    public long limitBytes() {
        return limitBytes;
    }

    public int seriesCount() {
        return series.size();
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

    /** The measurement with this escaped name, registered on first use. */
    MeasurementFields measurement(byte[] buf, int off, int len) {
        MeasurementFields m = measurementsByKey.get(ByteKey.probe().set(buf, off, len));
        if (m != null) {
            return m;
        }
        MeasurementFields created = new MeasurementFields(ByteKey.copyOf(buf, off, len));
        MeasurementFields prior = measurementsByKey.putIfAbsent(created.escapedName(), created);
        if (prior != null) {
            return prior;
        }
        measurementsByName.putIfAbsent(created.name(), created);
        return created;
    }

    // ---------------------------------------------------------------- reads

    /** See {@link io.tidemark.storage.api.ShardReader#read}. */
    public SeriesCursor read(byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos) {
        Series s = series.get(ByteKey.probe().set(seriesKey, 0, seriesKey.length));
        Column c = s == null ? null : s.column(field);
        if (c == null) {
            return CacheCursor.empty(FieldType.FLOAT);
        }
        return c.cursor(minTimeNanos, maxTimeNanos);
    }

    /** Unescaped names of measurements with data, sorted. */
    public List<String> measurements() {
        List<String> out = new ArrayList<>();
        for (MeasurementFields m : measurementsByKey.values()) {
            if (!m.seriesWithData().isEmpty()) {
                out.add(m.name());
            }
        }
        Collections.sort(out);
        return out;
    }

    /** Keys of the series with data of a measurement given escaped, in unsigned byte order. */
    public List<byte[]> seriesKeys(String measurementEscaped) {
        MeasurementFields m = measurementsByKey.get(ByteKey.of(measurementEscaped));
        if (m == null) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>();
        for (ByteKey k : m.seriesWithData().keySet()) {
            out.add(k.toByteArray());
        }
        return out;
    }

    /** Types of the fields with data of a measurement given unescaped, by name. */
    public Map<String, FieldType> fieldTypes(String measurement) {
        MeasurementFields m = measurementsByName.get(measurement);
        if (m == null) {
            return Map.of();
        }
        TreeMap<String, FieldType> out = new TreeMap<>();
        for (FieldDef f : m.fields()) {
            if (f.hasData()) {
                out.put(f.nameString(), f.type());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "ShardCache[series=" + series.size() + ", held=" + heldBytes + ", reserved=" + reservedBytes
                + ", limit=" + limitBytes + "]";
    }
}
