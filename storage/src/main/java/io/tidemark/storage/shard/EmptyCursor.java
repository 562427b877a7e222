package io.tidemark.storage.shard;

import io.tidemark.common.FieldType;
import io.tidemark.storage.api.SeriesCursor;
import java.util.NoSuchElementException;

/** A cursor without values. Immutable. */
final class EmptyCursor implements SeriesCursor {
    private final FieldType type;

    private EmptyCursor(FieldType type) {
        this.type = type;
    }

    static SeriesCursor of(FieldType type) {
        return new EmptyCursor(type);
    }

    @Override
    public boolean next() {
        return false;
    }

    @Override
    public long timestamp() {
        throw new NoSuchElementException();
    }

    @Override
    public FieldType type() {
        return type;
    }

    @Override
    public double floatValue() {
        throw new NoSuchElementException();
    }

    @Override
    public long longValue() {
        throw new NoSuchElementException();
    }

    @Override
    public boolean booleanValue() {
        throw new NoSuchElementException();
    }

    @Override
    public String stringValue() {
        throw new NoSuchElementException();
    }
}
