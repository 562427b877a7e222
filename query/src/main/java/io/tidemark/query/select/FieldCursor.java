package io.tidemark.query.select;

import io.tidemark.common.FieldType;
import io.tidemark.influxql.ast.DataType;
import io.tidemark.query.QueryException;
import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.api.ShardException;
import io.tidemark.storage.api.ShardNotFoundException;
import io.tidemark.storage.api.ShardReader;
import io.tidemark.storage.api.ValueRange;
import java.util.List;

/**
 * The values of one field of one series across a statement's shards, in the statement's time order, converted to
 * the type the statement reads the field as. As in InfluxDB's engine, an integer or unsigned field read as a float
 * is converted, a float read as an integer is truncated, and a field of another type reads as nothing.
 *
 * <p>For descending order the shards are read last first, each through {@link ShardReader#readDescending}, so that a
 * reader that stops after the latest values (LIMIT) reads no more of them than it consumes.
 *
 * <p>A batching cursor (ascending reads of float, integer and unsigned fields) takes {@value #BATCH} values at a
 * time from storage ({@link SeriesCursor#nextBatch}) into two arrays of its own (2 KB, made on first use), so that
 * each value costs an array read rather than a walk down the storage cursors; values are still counted against
 * {@code max-select-point} one by one as they are consumed. Not thread-safe.
 */
final class FieldCursor {
    private final ShardReader reader;
    private final List<Long> shards;
    private final byte[] seriesKey;
    private final String field;
    private final DataType target;
    private final long min;
    private final long max;
    private final boolean ascending;
    private final ReadBudget budget;

    private int shardIndex;
    private SeriesCursor current;
    private FieldType currentType;
    /** Whether values of {@link #currentType} can be read as the target type (else they are counted and skipped). */
    private boolean readable;

    /** Values taken from storage at a time by a batching cursor. */
    static final int BATCH = 128;
    /** The heap a batching cursor's arrays take. */
    static final long BATCH_BYTES = 2 * HeapEstimates.array(BATCH * 8);
    private final boolean batching;
    /** Whether the open storage cursor is read in batches (batching, ascending, numeric). */
    private boolean batchedCurrent;
    private long[] batchTimes;
    private long[] batchBits;
    private int batchPos;
    private int batchCount;

    /** With {@link #onlyValuesIn}: the values the reader keeps; storage may skip blocks without any. */
    private ValueRange wanted;
    /** Whether {@link #wanted} is asked of the open storage cursor (its type read as the target keeps the order). */
    private boolean wantedCurrent;

    private long openShard;
    private long time;
    private Object value;
    private long shard;

    FieldCursor(ShardReader reader, List<Long> shards, byte[] seriesKey, String field, DataType target, long min,
            long max, boolean ascending, ReadBudget budget) {
        this(reader, shards, seriesKey, field, target, min, max, ascending, budget, false);
    }

    /** @param batching whether to take ascending numeric values from storage in batches (see the class comment) */
    FieldCursor(ShardReader reader, List<Long> shards, byte[] seriesKey, String field, DataType target, long min,
            long max, boolean ascending, ReadBudget budget, boolean batching) {
        this.batching = batching && ascending;
        this.reader = reader;
        this.shards = shards;
        this.seriesKey = seriesKey;
        this.field = field;
        this.target = target;
        this.min = min;
        this.max = max;
        this.ascending = ascending;
        this.budget = budget;
        this.shardIndex = ascending ? 0 : shards.size() - 1;
        this.time = ascending ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /**
     * Tells the cursor that its reader drops every value outside {@code range} (compared as the target type): a
     * batching cursor then lets storage skip blocks that hold none ({@link SeriesCursor#nextBatchIn}) and steps over
     * the others' values outside it without making them objects (still counting them against
     * {@code max-select-point}). Only where reading the stored type as the target keeps the values' order as
     * doubles: integers and floats read as they are or integers as floats, not floats truncated to integers.
     */
    void onlyValuesIn(ValueRange range) {
        this.wanted = range;
    }

    /** Advances to the next value; false when there are no more. */
    boolean next() throws QueryException {
        while (true) {
            if (current != null) {
                prepareCurrent();
                if (batchedCurrent) {
                    while (++batchPos < batchCount || refill()) {
                        budget.charge();
                        if (!wantedCurrent || inWantedRange(batchBits[batchPos])) {
                            return standAt(batchTimes[batchPos]);
                        }
                    }
                    current = null;
                    continue;
                }
                while (current.next()) {
                    budget.charge();
                    if (readable) {
                        // Converted (and boxed) only when asked for: rows that fail a condition or values a
                        // follower steps over are never made objects.
                        return standAt(current.timestamp());
                    }
                }
                current = null;
            }
            if (!openNextShard()) {
                return false;
            }
        }
    }

    /** Opens the storage cursor of the next shard (none if the shard is gone); false when no shard is left. */
    private boolean openNextShard() throws QueryException {
        if (ascending ? shardIndex >= shards.size() : shardIndex < 0) {
            return false;
        }
        open(shards.get(ascending ? shardIndex++ : shardIndex--));
        return true;
    }

    /** Learns the type of a storage cursor just opened, and so whether it is read in batches. */
    private void prepareCurrent() {
        if (currentType == null) {
            currentType = current.type();
            readable = isReadable(currentType);
            batchedCurrent = batching && readable && currentType != FieldType.STRING
                    && currentType != FieldType.BOOLEAN;
            wantedCurrent = wanted != null && batchedCurrent && keepsOrder(currentType);
            batchPos = 0;
            batchCount = 0;
        }
    }

    /**
     * Advances to the first value at or after {@code t} (at or before, descending), which must be later (earlier)
     * than the current value, if any: before the first move, {@link #time()} is the earliest (latest) time there is,
     * so that a reader that only needs the values at some times can start here. False when there is none. A
     * batching cursor takes the value from its batch, or has storage skip to it ({@link SeriesCursor#nextBatchFrom}:
     * whole blocks before it are not decoded); the values skipped are not read, so not counted against
     * {@code max-select-point}.
     */
    boolean advanceTo(long t) throws QueryException {
        while (true) {
            if (current == null) {
                if (!openNextShard()) {
                    return false;
                }
                continue;
            }
            prepareCurrent();
            if (!batchedCurrent) {
                while (current.next()) {
                    budget.charge();
                    long at = current.timestamp();
                    if (readable && (ascending ? at >= t : at <= t)) {
                        return standAt(at);
                    }
                }
                current = null;
                continue;
            }
            int at = batchPos + 1;
            while (at < batchCount && batchTimes[at] < t) {
                at++;
            }
            if (at >= batchCount) {
                if (batchTimes == null) {
                    batchTimes = new long[BATCH];
                    batchBits = new long[BATCH];
                }
                batchCount = current.nextBatchFrom(t, batchTimes, batchBits, BATCH);
                at = 0;
            }
            if (at < batchCount) {
                batchPos = at;
                budget.charge();
                return standAt(batchTimes[at]);
            }
            // This shard has nothing at or after t: the next ones may.
            current = null;
        }
    }

    /** Makes the value at {@code t} of the open storage cursor the current one; true. */
    private boolean standAt(long t) {
        time = t;
        value = null;
        shard = openShard;
        return true;
    }

    /** Takes the next values of the open storage cursor; false when it has none. */
    private boolean refill() {
        if (batchTimes == null) {
            batchTimes = new long[BATCH];
            batchBits = new long[BATCH];
        }
        batchCount = wantedCurrent ? current.nextBatchIn(wanted, batchTimes, batchBits, BATCH)
                : current.nextBatch(batchTimes, batchBits, BATCH);
        batchPos = 0;
        return batchCount > 0;
    }

    long time() {
        return time;
    }

    /** The current value, converted to the target type; valid until the next {@link #next()}. */
    Object value() {
        if (value == null) {
            value = batchedCurrent ? convertBits(batchBits[batchPos], currentType) : convert(current, currentType);
        }
        return value;
    }

    /** The shard the current value was read from. */
    long shard() {
        return shard;
    }

    private void open(long shard) throws QueryException {
        openShard = shard;
        try {
            current = ascending ? reader.read(shard, seriesKey, field, min, max)
                    : reader.readDescending(shard, seriesKey, field, min, max);
            currentType = null;
        } catch (ShardNotFoundException e) {
            current = null;
        } catch (ShardException e) {
            throw new QueryException(e.getMessage(), e);
        }
    }

    /** Whether a batched value is in the range {@link #onlyValuesIn} was given. */
    private boolean inWantedRange(long bits) {
        return wanted.contains(currentType == FieldType.FLOAT ? Double.longBitsToDouble(bits) : (double) bits);
    }

    /** Whether values of stored type {@code t}, read as the target, compare as the stored values do as doubles. */
    private boolean keepsOrder(FieldType t) {
        return switch (target) {
            case FLOAT, UNKNOWN, ANY_FIELD -> t == FieldType.FLOAT || t == FieldType.INTEGER;
            case INTEGER -> t == FieldType.INTEGER;
            default -> false;
        };
    }

    /** Whether {@link #convert} gives values of a field of type {@code t}. */
    private boolean isReadable(FieldType t) {
        return switch (target) {
            case FLOAT, INTEGER, UNSIGNED -> t == FieldType.FLOAT || t == FieldType.INTEGER || t == FieldType.UNSIGNED;
            case STRING -> t == FieldType.STRING;
            case BOOLEAN -> t == FieldType.BOOLEAN;
            default -> true;
        };
    }

    /** {@link #convert} for a batched value: a float's raw bits, or an integer's or unsigned's 64 bits. */
    private Object convertBits(long bits, FieldType t) {
        boolean fromFloat = t == FieldType.FLOAT;
        return switch (target) {
            case FLOAT -> fromFloat ? Double.longBitsToDouble(bits) : (Object) (double) bits;
            case INTEGER, UNSIGNED -> fromFloat ? (long) Double.longBitsToDouble(bits) : (Object) bits;
            default -> fromFloat ? Double.longBitsToDouble(bits) : (Object) bits;
        };
    }

    /** The current value converted to the target type, or null when the field's type cannot be read as it. */
    private Object convert(SeriesCursor c, FieldType t) {
        return switch (target) {
            case FLOAT -> switch (t) {
                case FLOAT -> c.floatValue();
                case INTEGER, UNSIGNED -> (double) c.longValue();
                default -> null;
            };
            case INTEGER, UNSIGNED -> switch (t) {
                case INTEGER, UNSIGNED -> c.longValue();
                case FLOAT -> (long) c.floatValue();
                default -> null;
            };
            case STRING -> t == FieldType.STRING ? c.stringValue() : null;
            case BOOLEAN -> t == FieldType.BOOLEAN ? c.booleanValue() : null;
            default -> switch (t) {
                case FLOAT -> c.floatValue();
                case INTEGER, UNSIGNED -> c.longValue();
                case STRING -> c.stringValue();
                case BOOLEAN -> c.booleanValue();
            };
        };
    }
}
