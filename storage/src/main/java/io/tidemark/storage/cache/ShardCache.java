package io.tidemark.storage.cache;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.CacheFullException;
import io.tidemark.storage.api.MeasurementName;
import io.tidemark.storage.api.PointBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory part of one shard: the field types of its measurements, and the values written since the last
 * snapshot, in generations ({@link CacheGeneration}): one active generation takes writes; {@link #rotate} freezes it
 * for a snapshot and starts the next; {@link #dropFrozen} forgets a frozen one once its file is readable.
 *
 * <p>Bounded by {@code cache-max-memory-size} across all its generations, as InfluxDB counts its snapshot too: a
 * write reserves an upper bound of what it will add before it is logged ({@link #reserve}; the bound and why it
 * holds: {@link BatchValidator#validate}), and the applier converts the reservation into what it really added
 * ({@link #commit}). {@link #heldBytes()} counts what the cache holds (chunk capacities, not just values), within the
 * per-object estimates of {@link CacheSizes}, plus what each column prepaid for its next chunk as its last one
 * filled up (at most that chunk, nothing while the last chunk has room), which keeps reservations small.
 *
 * <p>Thread-safe: validation and reads from any thread; values, series and generations change on the
 * {@link CacheApplier}'s thread only (the WAL committer), frozen generations are dropped by the snapshot thread.
 */
public final class ShardCache {
    private final long limitBytes;
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicLong reservedBytes = new AtomicLong();
    private final ConcurrentHashMap<ByteKey, MeasurementFields> measurementsByKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, MeasurementFields> measurementsByName = new ConcurrentHashMap<>();
    /** Written by the applier thread only. */
    private volatile CacheGeneration active;
    /** Oldest first; replaced whole (copy on write) under {@link #generationsLock}, which guards no I/O. */
    private volatile List<CacheGeneration> frozen = List.of();
    /**
     * Writers waiting for room wait on it; {@link #dropFrozen} wakes them. A leaf monitor: held only to wait or
     * notify, never while taking another lock or doing I/O.
     */
    private final Object room = new Object();
    /** How often a writer waiting for room looks again even without a wake-up. */
    private static final long ROOM_POLL_MILLIS = 50;
    private final Object generationsLock = new Object();

    /**
     * @param limitBytes the most the cache may hold; 0 for no limit
     * @param firstSeq the number of the first generation: above every file and tombstone of the shard
     */
    public ShardCache(long limitBytes, long firstSeq) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("negative cache limit " + limitBytes);
        }
        this.limitBytes = limitBytes;
        this.active = new CacheGeneration(firstSeq);
    }

    /** A cache whose first generation is number 1. */
    public ShardCache(long limitBytes) {
        this(limitBytes, 1);
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
        tryReserve(bytes);
    }

    /**
     * {@link #reserve}, waiting up to {@code maxWaitNanos} for room while a snapshot is under way: a frozen
     * generation gives its memory back when its file is in place ({@link #dropFrozen}), so a burst of writes that
     * outruns the snapshots slows down instead of failing. Without a frozen generation nothing frees memory soon,
     * and the write fails at once, as InfluxDB's does.
     *
     * @throws CacheFullException if there is still no room by then (or the thread is interrupted)
     */
    public void reserve(long bytes, long maxWaitNanos) throws CacheFullException {
        long deadline = System.nanoTime() + maxWaitNanos;
        while (true) {
            try {
                tryReserve(bytes);
                return;
            } catch (CacheFullException e) {
                long left = deadline - System.nanoTime();
                if (frozen.isEmpty() || left <= 0) {
                    throw e;
                }
                synchronized (room) {
                    try {
                        // Woken by dropFrozen; the timeout also covers a drop between the check and the wait.
                        room.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), ROOM_POLL_MILLIS)));
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
    }

    private void tryReserve(long bytes) throws CacheFullException {
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

    /**
     * Converts a reservation into what the applier added to the active generation (allocated, plus prepaid, see
     * {@link CacheSizes#accountedBytes}), less what packing full chunks gave back ({@link ChunkPacker}); applier
     * only.
     */
    void commit(long allocated, long packingGave, long reserved) {
        active.addHeld(allocated, packingGave);
        heldBytes.addAndGet(allocated - packingGave);
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

    // ---------------------------------------------------------------- generations

    /** The generation taking writes. */
    public CacheGeneration active() {
        return active;
    }

    /** The frozen generations waiting for (or in) their snapshot, oldest first. */
    public List<CacheGeneration> frozen() {
        return frozen;
    }

    /**
     * Freezes the active generation and starts the next one; returns the frozen one. Applier thread only (so that
     * no write is half applied), after the WAL started a new segment at {@code walCut}.
     */
    public CacheGeneration rotate(long walCut) {
        CacheGeneration old = active;
        old.freeze(walCut);
        synchronized (generationsLock) {
            List<CacheGeneration> grown = new ArrayList<>(frozen);
            grown.add(old);
            frozen = List.copyOf(grown);
        }
        // Readers that see the new active generation also see the old one in the frozen list (written above).
        active = new CacheGeneration(old.seq() + 1);
        return old;
    }

    /** Forgets a frozen generation, now readable from a file, and gives its memory back to the limit. */
    public void dropFrozen(CacheGeneration g) {
        synchronized (generationsLock) {
            List<CacheGeneration> kept = new ArrayList<>(frozen);
            if (!kept.remove(g)) {
                throw new IllegalStateException("BUG: " + g + " is not frozen");
            }
            frozen = List.copyOf(kept);
        }
        heldBytes.addAndGet(-g.heldBytes());
        synchronized (room) {
            room.notifyAll();
        }
    }

    /** Every generation, oldest first: the frozen ones, then the active one. A reader's consistent view. */
    public List<CacheGeneration> generations() {
        // Frozen first: a rotation publishes the frozen list before the new active generation, so this never misses
        // a generation (it may see one twice, which a newest-wins merge of equal values tolerates).
        List<CacheGeneration> f = frozen;
        CacheGeneration a = active;
        if (f.isEmpty()) {
            return List.of(a);
        }
        List<CacheGeneration> out = new ArrayList<>(f.size() + 1);
        out.addAll(f);
        if (out.getLast() != a) {
            out.add(a);
        }
        return out;
    }

    // ---------------------------------------------------------------- schema

    Series series(ByteKey probe) {
        return active.series(probe);
    }

    Series addSeries(Series s) {
        return active.addSeries(s);
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

    /**
     * Registers a field known to hold data in the shard's files (from the persisted series index) when the shard
     * opens, before any write.
     */
    public void registerStoredField(String measurementEscaped, String field, FieldType type) {
        byte[] m = measurementEscaped.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FieldDef f = measurement(m, 0, m.length).register(new FieldDef(ByteKey.of(field), type));
        f.markHasData();
    }

    /**
     * Forgets a measurement's fields, so that they may be written with other types (DROP MEASUREMENT). Writes
     * validated before and applied after re-register their fields (see {@link CacheApplier}).
     */
    public void forgetMeasurement(String measurement) {
        MeasurementFields m = measurementsByName.remove(measurement);
        if (m != null) {
            measurementsByKey.remove(m.escapedName(), m);
        } else {
            measurementsByKey.remove(ByteKey.of(MeasurementName.escape(measurement)));
        }
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

    /** The names of a measurement's (given escaped) fields with data. */
    public List<String> fieldNames(byte[] measurementEscaped, int len) {
        MeasurementFields m = measurementsByKey.get(ByteKey.probe().set(measurementEscaped, 0, len));
        List<String> out = new ArrayList<>();
        if (m != null) {
            for (FieldDef f : m.fields()) {
                if (f.hasData()) {
                    out.add(f.nameString());
                }
            }
        }
        return out;
    }

    /** The type a field of a measurement (given escaped) has in this shard, or null. */
    public FieldType fieldType(byte[] measurementEscaped, int len, String field) {
        MeasurementFields m = measurementsByKey.get(ByteKey.probe().set(measurementEscaped, 0, len));
        FieldDef f = m == null ? null : m.field(field);
        return f == null ? null : f.type();
    }

    @Override
    public String toString() {
        return "ShardCache[active=" + active + ", frozen=" + frozen.size() + ", held=" + heldBytes + ", reserved="
                + reservedBytes + ", limit=" + limitBytes + "]";
    }
}
