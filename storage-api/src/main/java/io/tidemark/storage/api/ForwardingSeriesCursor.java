package io.tidemark.storage.api;

import io.tidemark.common.FieldType;

/**
 * A cursor that hands every call to another one, for decorators that change one or two calls (a check when the
 * cursor is exhausted, a count of the values read). {@link #nextBatch} is not forwarded: it keeps the interface's
 * default, which goes through {@link #next()} so that a decorator's {@code next()} sees every value; a decorator
 * that does not need that may forward it. Not thread-safe.
 */
public abstract class ForwardingSeriesCursor implements SeriesCursor {
    private final SeriesCursor delegate;

    protected ForwardingSeriesCursor(SeriesCursor delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean next() {
        return delegate.next();
    }

    @Override
    public long timestamp() {
        return delegate.timestamp();
    }

    @Override
    public FieldType type() {
        return delegate.type();
    }

    @Override
    public double floatValue() {
        return delegate.floatValue();
    }

    @Override
    public long longValue() {
        return delegate.longValue();
    }

    @Override
    public boolean booleanValue() {
        return delegate.booleanValue();
    }

    @Override
    public String stringValue() {
        return delegate.stringValue();
    }
}
