package io.tidemark.storage.shard;

import io.tidemark.common.FieldType;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.RangeStatistics;
import io.tidemark.storage.api.SeriesCursor;
import io.tidemark.storage.cache.CacheGeneration;
import io.tidemark.storage.tombstone.TimeRanges;
import io.tidemark.storage.tombstone.TombstoneSet;
import io.tidemark.storage.tsm.RangeSummary;
import io.tidemark.storage.tsm.TsmReader;
import io.tidemark.storage.tsm.TsmValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The {@link RangeStatistics} (count, first, last, min, max, sum) of one series field of a shard, combined from what each of its sources says about the
 * range: TSM files through their block statistics ({@link TsmReader#summarize}), cache generations by a pass over
 * their values, which are in memory.
 *
 * <p>Exact or empty. Summaries of sources add up to the statistics of the merged read only when no timestamp is in
 * two sources (the newest would win it) and no tombstone hides a value a summary counted; both are decided on the
 * time span each source has in the range: the spans must not overlap, and no deleted range of a file may touch its
 * span. A file that a tombstone deletes entirely over the range, or that holds the field with another type (a
 * dropped measurement), is left out as {@link Shard#read} leaves it out. A damaged block that had to be decoded
 * makes the answer empty: the read then skips it and reports it.
 *
 * <p>Stateless; thread-safe.
 */
final class SourceStatistics {
    private static final Comparator<RangeStatistics> BY_FIRST_TIME =
            Comparator.comparingLong(RangeStatistics::firstTimeNanos);

    private SourceStatistics() {
    }

    /**
     * @param type the field's type in the shard; null if the shard does not know the series field
     * @param files the shard's files, oldest first
     * @param generations the cache generations, oldest first
     */
    static Optional<RangeStatistics> of(FieldType type, List<TsmFile> files, TombstoneSet tombstones,
            List<CacheGeneration> generations, byte[] seriesKey, String field, long minTimeNanos, long maxTimeNanos) {
        if (type == null) {
            return Optional.of(RangeStatistics.empty(FieldType.FLOAT));
        }
        if (minTimeNanos > maxTimeNanos) {
            return Optional.of(RangeStatistics.empty(type));
        }
        List<RangeStatistics> parts = new ArrayList<>(files.size() + generations.size());
        for (TsmFile f : files) {
            TsmReader reader = f.reader();
            if (reader.maxTimeNanos() < minTimeNanos || reader.minTimeNanos() > maxTimeNanos) {
                continue;
            }
            long[] gone = tombstones.isEmpty() ? null : tombstones.deleted(seriesKey, field, f.lastSeq());
            if (gone != null && TimeRanges.coversAll(gone, minTimeNanos, maxTimeNanos)) {
                continue;
            }
            RangeSummary s;
            try {
                s = reader.summarize(seriesKey, field, minTimeNanos, maxTimeNanos);
            } catch (CorruptionException e) {
                return Optional.empty();
            }
            if (s.type() != type || s.count() == 0) {
                continue;
            }
            if (TimeRanges.overlaps(gone, s.firstTimeNanos(), s.lastTimeNanos())) {
                return Optional.empty();
            }
            parts.add(new RangeStatistics(type, s.count(), s.firstTimeNanos(), s.firstBits(), s.lastTimeNanos(),
                    s.lastBits(), s.minBits(), s.maxBits(), s.hasSum(), s.sumBits()));
        }
        for (CacheGeneration g : generations) {
            SeriesCursor c = g.read(seriesKey, field, minTimeNanos, maxTimeNanos);
            if (c != null && c.type() == type) {
                RangeStatistics s = summarize(c);
                if (s.count() > 0) {
                    parts.add(s);
                }
            }
        }
        return combine(type, parts);
    }

    /** The statistics of a cursor's values, read through. */
    static RangeStatistics summarize(SeriesCursor c) {
        FieldType type = c.type();
        long count = 0;
        long firstTime = 0;
        long first = 0;
        long lastTime = 0;
        long last = 0;
        long min = 0;
        long max = 0;
        long sum = 0;
        while (c.next()) {
            long bits = bits(c, type);
            if (count == 0) {
                firstTime = c.timestamp();
                first = bits;
                min = bits;
                max = bits;
            } else if (type != FieldType.STRING) {
                min = TsmValues.compare(type, bits, min) < 0 ? bits : min;
                max = TsmValues.compare(type, bits, max) > 0 ? bits : max;
            }
            lastTime = c.timestamp();
            last = bits;
            sum = TsmValues.add(type, sum, bits);
            count++;
        }
        return count == 0 ? RangeStatistics.empty(type)
                : new RangeStatistics(type, count, firstTime, first, lastTime, last, min, max, true, sum);
    }

    /**
     * Adds up the summaries of sources; empty if two of them have values at overlapping times (a timestamp may be in
     * both).
     */
    static Optional<RangeStatistics> combine(FieldType type, List<RangeStatistics> parts) {
        if (parts.isEmpty()) {
            return Optional.of(RangeStatistics.empty(type));
        }
        if (parts.size() == 1) {
            return Optional.of(parts.getFirst());
        }
        List<RangeStatistics> ordered = new ArrayList<>(parts);
        ordered.sort(BY_FIRST_TIME);
        RangeStatistics head = ordered.getFirst();
        long count = head.count();
        long min = head.minBits();
        long max = head.maxBits();
        boolean hasSum = head.hasSum();
        long sum = head.sumBits();
        for (int i = 1; i < ordered.size(); i++) {
            RangeStatistics previous = ordered.get(i - 1);
            RangeStatistics s = ordered.get(i);
            if (s.firstTimeNanos() <= previous.lastTimeNanos()) {
                return Optional.empty();
            }
            count += s.count();
            hasSum &= s.hasSum();
            sum = TsmValues.add(type, sum, s.sumBits());
            if (type != FieldType.STRING) {
                min = TsmValues.compare(type, s.minBits(), min) < 0 ? s.minBits() : min;
                max = TsmValues.compare(type, s.maxBits(), max) > 0 ? s.maxBits() : max;
            }
        }
        RangeStatistics tail = ordered.getLast();
        return Optional.of(new RangeStatistics(type, count, head.firstTimeNanos(), head.firstBits(),
                tail.lastTimeNanos(), tail.lastBits(), min, max, hasSum, hasSum ? sum : 0));
    }

    private static long bits(SeriesCursor c, FieldType type) {
        return switch (type) {
            case FLOAT -> Double.doubleToRawLongBits(c.floatValue());
            case INTEGER, UNSIGNED -> c.longValue();
            case BOOLEAN -> c.booleanValue() ? 1 : 0;
            case STRING -> 0;
        };
    }
}
