package io.tidemark.query.select;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Skips the first {@code offset} elements and stops after {@code limit} more (0: no limit). Not thread-safe. */
final class LimitIterator<T> implements Iterator<T> {
    private final Iterator<T> input;
    private final long limit;
    private long skip;
    private long returned;

    LimitIterator(Iterator<T> input, long offset, long limit) {
        this.input = input;
        this.skip = offset;
        this.limit = limit;
    }

    @Override
    public boolean hasNext() {
        while (skip > 0 && input.hasNext()) {
            input.next();
            skip--;
        }
        return (limit <= 0 || returned < limit) && input.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        returned++;
        return input.next();
    }
}
