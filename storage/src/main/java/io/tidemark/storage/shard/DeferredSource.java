package io.tidemark.storage.shard;

import io.tidemark.storage.api.SeriesCursor;

/**
 * A source of a merged read ({@link MergedSeriesCursor}, {@link DescendingMergedCursor}) that is not opened until
 * the merge needs it: a TSM file whose index the read has not searched for the series yet. A read of the earliest or
 * latest values of a shard whose files hold successive time ranges then searches one file, instead of every file for
 * every series field (a third of the request thread's time in a warm {@code lastpoint} over a shard of three files),
 * and a query merging many series keeps one decoded block per series field instead of one per file.
 */
interface DeferredSource {
    /**
     * Known without opening the source: a time that no value of it is before (an ascending read) or after (a
     * descending one).
     */
    long timeBound();

    /** The source's cursor, in the read's order, or null if it holds nothing for the read. Called at most once. */
    SeriesCursor open();
}
