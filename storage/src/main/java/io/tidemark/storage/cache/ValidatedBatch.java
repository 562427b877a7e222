package io.tidemark.storage.cache;

import io.tidemark.storage.api.PointBatch;
import io.tidemark.storage.api.PointBatchBuilder;
import io.tidemark.storage.api.PointBatchReader;

/**
 * The outcome of checking a batch against a shard's field types: which points are accepted, why the first dropped
 * one was dropped, and how much cache memory the accepted points may take. Immutable.
 *
 * @param acceptedPoints per point, whether it is accepted; null when all are
 * @param reservationBytes an upper bound of what applying the accepted points can add to the cache
 */
public record ValidatedBatch(PointBatch batch, int accepted, int dropped, String firstDropReason,
        boolean[] acceptedPoints, long reservationBytes) {

    /** The batch to log and apply: the original when nothing was dropped, else a new one of the accepted points. */
    public PointBatch acceptedBatch() {
        if (acceptedPoints == null) {
            return batch;
        }
        PointBatchBuilder b = new PointBatchBuilder();
        PointBatchReader r = new PointBatchReader().of(batch);
        byte[] buf = r.buffer();
        for (int p = 0; r.nextPoint(); p++) {
            if (!acceptedPoints[p]) {
                continue;
            }
            b.beginPoint(buf, r.seriesKeyOffset(), r.seriesKeyLength(), r.measurementLength(), r.timestamp());
            while (r.nextField()) {
                int no = r.fieldNameOffset();
                int nl = r.fieldNameLength();
                switch (r.fieldType()) {
                    case FLOAT -> b.addFloat(buf, no, nl, r.floatValue());
                    case INTEGER -> b.addInteger(buf, no, nl, r.longValue());
                    case UNSIGNED -> b.addUnsigned(buf, no, nl, r.longValue());
                    case BOOLEAN -> b.addBoolean(buf, no, nl, r.booleanValue());
                    case STRING -> b.addString(buf, no, nl, buf, r.stringOffset(), r.stringLength());
                }
            }
            b.endPoint();
        }
        return b.build();
    }
}
