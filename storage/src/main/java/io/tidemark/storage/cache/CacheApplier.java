package io.tidemark.storage.cache;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.PointBatchReader;
import io.tidemark.storage.index.SeriesIndex;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies logged batches to shard caches, in log order, which is what makes "last write wins" the same before and
 * after a restart. Each distinct series and (series, field) of a batch is resolved once; values go straight from
 * the batch bytes into the columns' primitive arrays; the batch's values become visible per column when the batch
 * is done. Allocates only for new series, columns, chunks and string values. Each distinct series of a batch is
 * also added to the shard's series index, if it has one: a lookup that neither locks nor allocates for a known
 * series.
 *
 * <p>Confined to one thread at a time: the WAL committer thread while the store runs, the opening thread during
 * replay. Its scratch tables are reused across batches and shards.
 */
public final class CacheApplier {
    private static final Logger LOG = LoggerFactory.getLogger(CacheApplier.class);
    private final PointBatchReader reader = new PointBatchReader();
    private final ByteKey probe = ByteKey.probe();
    private static final int ROW_NAMES = 64;
    private static final int MAX_RETAINED_ROWS = 8192;

    /** Per batch series, per field name index below {@link #ROW_NAMES}: its column, once resolved in this batch. */
    private Column[][] rows = new Column[64][];
    /** The same for the other field names. */
    private final ColumnTable columnsOfBatch = new ColumnTable();
    private int[] touchedSeries = new int[64];
    private int[] touchedNames = new int[64];
    private Series[] seriesOfBatch = new Series[64];
    private int seriesOfBatchCount;
    private Column[] touched = new Column[64];
    private int touchedCount;
    private final ChunkPacker packer = new ChunkPacker();
    /**
     * Of the batch being applied: what its points allocated (see {@link CacheSizes}), how many values had no
     * column, and what packing the columns' full chunks gave back.
     */
    private long pointsAllocated;
    private int pointsSkipped;
    private long packingGave;

    /**
     * Applies a batch whose points were all accepted by {@link ShardCache#validate} on {@code cache} (or that was
     * replayed from the log and validated again), converting {@code reservedBytes} into what was really allocated.
     */
    public void apply(ShardCache cache, PointBatch batch, long reservedBytes) {
        apply(cache, null, batch, reservedBytes);
    }

    /**
     * {@link #apply(ShardCache, PointBatch, long)}, adding each series of the batch to {@code index} (null for a
     * shard without one) before its points reach the cache.
     */
    public void apply(ShardCache cache, SeriesIndex index, PointBatch batch, long reservedBytes) {
        long allocated = 0;
        pointsAllocated = 0;
        pointsSkipped = 0;
        packingGave = 0;
        try {
            applyPoints(cache, index, batch);
            allocated = pointsAllocated;
        } finally {
            cache.commit(allocated, packingGave, reservedBytes);
            clearColumnCache();
            Arrays.fill(seriesOfBatch, 0, seriesOfBatchCount, null);
            seriesOfBatchCount = 0;
            Arrays.fill(touched, 0, touchedCount, null);
            touchedCount = 0;
        }
    }

    private void applyPoints(ShardCache cache, SeriesIndex index, PointBatch batch) {
        reader.of(batch);
        while (reader.nextPoint()) {
            applyPoint(cache, index);
        }
        for (int i = 0; i < touchedCount; i++) {
            packingGave += touched[i].publish(packer);
            FieldDef f = touched[i].field();
            if (f.markHasData() && index != null) {
                byte[] measurement = seriesOfBatch[touchedSeries[i]].measurement().escapedName().toByteArray();
                index.addField(SeriesIndex.measurementName(measurement), f.nameString(), f.type());
            }
        }
        if (pointsSkipped > 0) {
            LOG.warn("dropped {} values whose measurement was dropped and re-created with other field types while "
                    + "they were being written", pointsSkipped);
        }
    }

    /**
     * Applies the reader's current point. A method of its own, called once a point, so that the JIT compiles it
     * when it is called often rather than in the middle of the loop over a batch (on-stack replacement), and so that
     * what a compilation covers stays small.
     */
    private void applyPoint(ShardCache cache, SeriesIndex index) {
        byte[] buf = reader.buffer();
        int s = reader.seriesIndex();
        Series series = s < seriesOfBatch.length ? seriesOfBatch[s] : null;
        if (series == null) {
            series = resolveSeries(cache, index, s, buf);
        }
        long time = reader.timestamp();
        while (reader.nextField()) {
            int name = reader.fieldNameIndex();
            Column column = cachedColumn(s, name);
            if (column == null) {
                column = resolveColumn(series, s, name, buf);
                if (column == null) {
                    continue;
                }
            }
            if (reader.fieldType() == FieldType.STRING) {
                pointsAllocated += column.appendString(time, buf, reader.stringOffset(), reader.stringLength());
            } else {
                pointsAllocated += column.append(time, reader.rawBits());
            }
        }
    }

    /** The cache's series of the batch's series {@code s}, added to the index and the cache if new to them. */
    private Series resolveSeries(ShardCache cache, SeriesIndex index, int s, byte[] buf) {
        if (s >= seriesOfBatch.length) {
            seriesOfBatch = Arrays.copyOf(seriesOfBatch, Math.max(s + 1, seriesOfBatch.length * 2));
        }
        int keyOff = reader.seriesKeyOffset();
        int keyLen = reader.seriesKeyLength();
        if (index != null) {
            index.addSeries(buf, keyOff, keyLen);
        }
        Series series = cache.series(probe.set(buf, keyOff, keyLen));
        if (series == null) {
            MeasurementFields m = cache.measurement(buf, keyOff, reader.measurementLength());
            series = cache.addSeries(new Series(ByteKey.copyOf(buf, keyOff, keyLen), m));
            pointsAllocated += CacheSizes.seriesBytes(keyLen);
        }
        seriesOfBatch[s] = series;
        seriesOfBatchCount = Math.max(seriesOfBatchCount, s + 1);
        return series;
    }

    /**
     * The column of the current field of the batch's series {@code s}, created if new, and remembered for the
     * batch; null if the value has no column it could go to (counted as skipped).
     */
    private Column resolveColumn(Series series, int s, int name, byte[] buf) {
        FieldDef field = fieldOf(series, buf);
        if (field.type() != reader.fieldType()) {
            // Validated against a measurement dropped since (DROP MEASUREMENT), then re-registered with another
            // type by a later write: the value has no column it could go to.
            pointsSkipped++;
            return null;
        }
        Column column = series.column(field);
        if (column == null) {
            column = series.addColumn(field);
            pointsAllocated += CacheSizes.COLUMN_BYTES;
        }
        cacheColumn(s, name, column);
        addTouched(column, s, name);
        return column;
    }

    /** The series' field of the current name; registered here if the measurement was dropped since validation. */
    private FieldDef fieldOf(Series series, byte[] buf) {
        MeasurementFields m = series.measurement();
        FieldDef field = m.field(probe.set(buf, reader.fieldNameOffset(), reader.fieldNameLength()));
        if (field == null) {
            field = m.register(new FieldDef(ByteKey.copyOf(buf, reader.fieldNameOffset(), reader.fieldNameLength()),
                    reader.fieldType()));
        }
        return field;
    }

    // Fast path: the columns of the first ROW_NAMES field names of a batch are found by array indexing per batch
    // series; the others through a hash table.
    private Column cachedColumn(int series, int name) {
        if (name < ROW_NAMES) {
            Column[] row = series < rows.length ? rows[series] : null;
            return row != null && name < row.length ? row[name] : null;
        }
        return columnsOfBatch.get(ColumnTable.key(series, name));
    }

    private void cacheColumn(int series, int name, Column c) {
        if (name >= ROW_NAMES) {
            columnsOfBatch.put(ColumnTable.key(series, name), c);
            return;
        }
        if (series >= rows.length) {
            rows = Arrays.copyOf(rows, Math.max(series + 1, rows.length * 2));
        }
        Column[] row = rows[series];
        if (row == null || name >= row.length) {
            row = row == null ? new Column[Math.max(name + 1, 16)] : Arrays.copyOf(row, Math.min(ROW_NAMES,
                    Math.max(name + 1, row.length * 2)));
            rows[series] = row;
        }
        row[name] = c;
    }

    private void addTouched(Column c, int series, int name) {
        if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, touchedCount * 2);
            touchedSeries = Arrays.copyOf(touchedSeries, touchedCount * 2);
            touchedNames = Arrays.copyOf(touchedNames, touchedCount * 2);
        }
        touched[touchedCount] = c;
        touchedSeries[touchedCount] = series;
        touchedNames[touchedCount] = name;
        touchedCount++;
    }

    private void clearColumnCache() {
        for (int i = 0; i < touchedCount; i++) {
            if (touchedNames[i] < ROW_NAMES) {
                rows[touchedSeries[i]][touchedNames[i]] = null;
            }
        }
        columnsOfBatch.clear();
        if (seriesOfBatchCount > MAX_RETAINED_ROWS) {
            // A batch of unusually many series: do not keep its rows for the life of the store.
            rows = new Column[64][];
        }
    }
}
