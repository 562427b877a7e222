package io.tidemark.storage.tsm;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.api.SeriesCursor;

/** A cursor of one TSM file that skips damaged blocks and says which it skipped. */
public interface CheckedCursor extends SeriesCursor {

    /** The first damaged block the cursor skipped so far, or null if every block it reached was intact. */
    CorruptionException failure();
}
