package io.tidemark.storage.cache;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.PointBatchReader;
import java.util.Arrays;

/**
 * Checks a batch's field types against a shard's and registers the new fields of accepted points, as InfluxDB's
 * shard does before it writes: the type of a (measurement, field) is the type of its first accepted occurrence, in
 * the shard or earlier in the batch, and a point with any field of another type is dropped whole (its new fields
 * are not registered). Also bounds the cache memory the accepted points may take (see {@link #validate}).
 *
 * <p>Runs on the writer's thread, concurrently with other writers of the same shard: registration is a
 * {@code putIfAbsent}, so of two concurrent first writes of a field with different types one wins and the other's
 * point is dropped. Distinct series, measurements and field names are resolved once per batch. Not thread-safe: one
 * instance per validation.
 */
final class BatchValidator {
    private final ShardCache cache;
    private final PointBatchReader reader = new PointBatchReader();
    private final ByteKey probe = ByteKey.probe();

    /** Per batch series: the index of its measurement in {@code measurements}. */
    private int[] seriesMeasurement = new int[64];
    /** Per batch series: whether its cache cost was counted already. */
    private boolean[] seriesCounted = new boolean[64];
    /** Per batch series: bit i set when field name i (i &lt; 64) has an accepted value. */
    private long[] seriesNames = new long[64];
    private MeasurementFields[] measurements = new MeasurementFields[2];
    /** Per measurement index, per batch field name index: the registered field, null while unknown. */
    private FieldDef[][] fields = new FieldDef[2][];
    private int measurementCount;

    /** The current point's fields: name index, type, and whether the shard has no such field yet. */
    private int[] pointNames = new int[16];
    private FieldType[] pointTypes = new FieldType[16];
    private boolean[] pointNew = new boolean[16];
    /** The fields of the point {@link #checkPoint} checked last, and the bytes its string values take. */
    private int pointFieldCount;
    private long pointStringBytes;

    /**
     * Accepted values per (series, name) pair: for names beyond the masks, and for pairs of names in the masks once
     * they have a second value (absent means one).
     */
    private final PairCounts pairValues = new PairCounts();

    BatchValidator(ShardCache cache) {
        this.cache = cache;
    }

    /**
     * Validates {@code batch} and bounds what applying its accepted points can add to the cache, whatever the cache
     * is like by then: the applier may run much later, after other writes to the same series (validated before or
     * after this one, applied in any order) and after rotations that start a generation in which every series and
     * column is new. The reservation is a sum of parts, each bounding one part of what the applier allocates:
     * <ul>
     * <li>every series of the batch with an accepted point: {@link CacheSizes#seriesBytes}, even if it is in the
     * cache now, since a rotation may come first. The applier creates a series at most once per batch.
     * <li>every (series, field) pair with an accepted value: {@link CacheSizes#COLUMN_BYTES}, for the same reason;
     * the applier creates a column at most once per pair and batch. Then, for the k values of the pair,
     * {@link CacheSizes#maxGrowth}(k): the applier appends them to one column, at consecutive positions (it alone
     * appends, one batch at a time), so the column's account grows from some count n to n + k, which maxGrowth
     * bounds over every n. A pair whose values are later skipped (measurement dropped and re-created with other
     * types) adds less: maxGrowth does not decrease.
     * <li>string values: their payloads exactly ({@link CacheSizes#stringBytes}), as the applier counts them.
     * </ul>
     * The column's state at validation time is not used: nothing stops it from being full, or new, by then.
     */
    ValidatedBatch validate(PointBatch batch) {
        reader.of(batch);
        byte[] buf = reader.buffer();
        int accepted = 0;
        int dropped = 0;
        String firstReason = null;
        boolean[] acceptedPoints = null;
        long reservation = 0;

        for (int p = 0; reader.nextPoint(); p++) {
            int s = reader.seriesIndex();
            String reason = checkPoint(s, buf);
            if (reason != null) {
                dropped++;
                if (firstReason == null) {
                    firstReason = reason;
                }
                if (acceptedPoints == null) {
                    acceptedPoints = new boolean[batch.pointCount()];
                    Arrays.fill(acceptedPoints, 0, p, true);
                }
                continue;
            }
            accepted++;
            if (acceptedPoints != null) {
                acceptedPoints[p] = true;
            }
            reservation += reservationOfPoint(s);
        }
        return new ValidatedBatch(batch, accepted, dropped, firstReason, acceptedPoints, reservation);
    }

    /**
     * Checks the reader's current point, of batch series {@code s}, against the field types known and earlier in
     * the batch, registering its new fields; returns why it is refused, or null, its fields left in
     * {@link #pointNames}/{@link #pointTypes}. A method of its own, called once a point, so that the JIT compiles it
     * on calls rather than in the middle of the loop over a batch (on-stack replacement).
     */
    private String checkPoint(int s, byte[] buf) {
        if (reader.isFirstOfSeries()) {
            defineSeries(s, buf);
        }
        int m = seriesMeasurement[s];
        int n = 0;
        long stringBytes = 0;
        while (reader.nextField()) {
            int name = reader.fieldNameIndex();
            FieldType type = reader.fieldType();
            FieldDef known = knownField(m, name, buf);
            FieldType existing = known != null ? known.type() : typeEarlierInPoint(name, n);
            if (existing != null && existing != type) {
                return conflict(reader.fieldName(), m, type, existing);
            }
            if (type == FieldType.STRING) {
                stringBytes += CacheSizes.stringBytes(reader.stringLength());
            }
            ensurePointCapacity(n + 1);
            pointNames[n] = name;
            pointTypes[n] = type;
            pointNew[n] = known == null;
            n++;
        }
        pointFieldCount = n;
        pointStringBytes = stringBytes;
        return registerNewFields(m, n);
    }

    /** What the accepted point just checked, of batch series {@code s}, adds to the batch's reservation. */
    private long reservationOfPoint(int s) {
        long reservation = pointStringBytes;
        for (int f = 0; f < pointFieldCount; f++) {
            int values = countValue(s, pointNames[f]);
            reservation += CacheSizes.pairValueReservation(values, pointTypes[f] == FieldType.STRING);
        }
        if (!seriesCounted[s]) {
            seriesCounted[s] = true;
            reservation += CacheSizes.seriesBytes(reader.seriesKeyLength());
        }
        return reservation;
    }

    /** Counts an accepted value of batch series {@code s} and name {@code name}; returns the pair's count so far. */
    private int countValue(int s, int name) {
        // Fast path: the first 64 names of a batch are tracked per series in a bit mask, and a pair's first value
        // (for most pairs, the only one) is just a bit.
        if (name < Long.SIZE) {
            long bit = 1L << name;
            if ((seriesNames[s] & bit) == 0) {
                seriesNames[s] |= bit;
                return 1;
            }
            return pairValues.increment(ColumnTable.key(s, name), 2);
        }
        return pairValues.increment(ColumnTable.key(s, name), 1);
    }

    private void defineSeries(int s, byte[] buf) {
        if (s == seriesMeasurement.length) {
            seriesMeasurement = Arrays.copyOf(seriesMeasurement, s * 2);
            seriesCounted = Arrays.copyOf(seriesCounted, s * 2);
            seriesNames = Arrays.copyOf(seriesNames, s * 2);
        }
        MeasurementFields mf = cache.measurement(buf, reader.seriesKeyOffset(), reader.measurementLength());
        int m = 0;
        while (m < measurementCount && measurements[m] != mf) {
            m++;
        }
        if (m == measurementCount) {
            if (m == measurements.length) {
                measurements = Arrays.copyOf(measurements, m * 2);
                fields = Arrays.copyOf(fields, m * 2);
            }
            measurements[m] = mf;
            fields[m] = new FieldDef[16];
            measurementCount++;
        }
        seriesMeasurement[s] = m;
    }

    /** The shard's field for batch name {@code name} in measurement {@code m}, cached per batch once found. */
    private FieldDef knownField(int m, int name, byte[] buf) {
        FieldDef[] byName = fields[m];
        if (name >= byName.length) {
            byName = Arrays.copyOf(byName, Math.max(name + 1, byName.length * 2));
            fields[m] = byName;
        }
        FieldDef f = byName[name];
        if (f == null) {
            f = measurements[m].field(probe.set(buf, reader.fieldNameOffset(), reader.fieldNameLength()));
            byName[name] = f;
        }
        return f;
    }

    private FieldType typeEarlierInPoint(int name, int n) {
        for (int i = 0; i < n; i++) {
            if (pointNames[i] == name) {
                return pointTypes[i];
            }
        }
        return null;
    }

    /** Registers the point's new fields; returns a conflict reason if a concurrent writer registered another type. */
    private String registerNewFields(int m, int n) {
        for (int i = 0; i < n; i++) {
            if (!pointNew[i]) {
                continue;
            }
            int name = pointNames[i];
            FieldDef[] byName = fields[m];
            FieldDef f = byName[name];
            if (f == null) {
                f = measurements[m].register(new FieldDef(nameKeyOf(name), pointTypes[i]));
                byName[name] = f;
            }
            if (f.type() != pointTypes[i]) {
                return conflict(f.nameString(), m, pointTypes[i], f.type());
            }
        }
        return null;
    }

    private ByteKey nameKeyOf(int nameIndex) {
        return ByteKey.copyOf(reader.buffer(), reader.fieldNameOffset(nameIndex), reader.fieldNameLength(nameIndex));
    }

    private String conflict(String field, int m, FieldType type, FieldType existing) {
        return "field type conflict: input field \"" + field + "\" on measurement \"" + measurements[m].name()
                + "\" is type " + type.influxName() + ", already exists as type " + existing.influxName();
    }

    private void ensurePointCapacity(int n) {
        if (n > pointNames.length) {
            int c = Math.max(n, pointNames.length * 2);
            pointNames = Arrays.copyOf(pointNames, c);
            pointTypes = Arrays.copyOf(pointTypes, c);
            pointNew = Arrays.copyOf(pointNew, c);
        }
    }

    /** Counts per non-negative long key, in open addressing. Not thread-safe. */
    private static final class PairCounts {
        private static final long EMPTY = -1;
        private long[] keys = filled(64);
        private int[] counts = new int[64];
        private int size;

        private static long[] filled(int n) {
            long[] a = new long[n];
            Arrays.fill(a, EMPTY);
            return a;
        }

        /** Adds one to the count of {@code key}, which starts at {@code first} if absent; returns the new count. */
        int increment(long key, int first) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            for (int slot = LongHash.mix(key) & mask; ; slot = (slot + 1) & mask) {
                long k = keys[slot];
                if (k == key) {
                    return ++counts[slot];
                }
                if (k == EMPTY) {
                    keys[slot] = key;
                    counts[slot] = first;
                    size++;
                    return first;
                }
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldCounts = counts;
            keys = filled(oldKeys.length * 2);
            counts = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    int slot = LongHash.mix(oldKeys[i]) & mask;
                    while (keys[slot] != EMPTY) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    counts[slot] = oldCounts[i];
                }
            }
        }
    }
}
