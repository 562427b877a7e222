package io.tidemark.query.select;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A binary min-heap that does exactly what Go's {@code container/heap} does ({@code Init}, {@code Push}, {@code Pop}
 * with the same sift-up and sift-down steps), so that elements the ordering calls equal come out in the order Go's
 * heap gives them. InfluxDB merges the series of a shard through such a heap ordered by time alone
 * ({@code query/iterator.gen.go} SortedMergeIterator), and reducers that keep the last of the points at one time
 * (integral) depend on that order, which no fixed order of the series reproduces: it depends on the heap's history.
 *
 * <p>Not thread-safe.
 */
final class GoHeap<T> {
    private final Comparator<? super T> order;
    private final List<T> items;

    /** A heap of {@code items} in the order given, arranged as Go's {@code heap.Init} arranges them. */
    GoHeap(List<T> items, Comparator<? super T> order) {
        this.order = order;
        this.items = new ArrayList<>(items);
        int n = this.items.size();
        for (int i = n / 2 - 1; i >= 0; i--) {
            down(i, n);
        }
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    int size() {
        return items.size();
    }

    /** The element {@link #pop} returns next; null when empty. */
    T peek() {
        return items.isEmpty() ? null : items.getFirst();
    }

    /** Go's {@code heap.Pop}: the root swapped with the last element, sifted down over the others, then removed. */
    T pop() {
        int n = items.size() - 1;
        Collections.swap(items, 0, n);
        down(0, n);
        return items.removeLast();
    }

    /** Go's {@code heap.Push}: appended, then sifted up. */
    void push(T item) {
        items.add(item);
        up(items.size() - 1);
    }

    /** Removes and returns every element, in no particular order. */
    List<T> drain() {
        List<T> all = new ArrayList<>(items);
        items.clear();
        return all;
    }

    private boolean less(int i, int j) {
        return order.compare(items.get(i), items.get(j)) < 0;
    }

    private void up(int j) {
        while (true) {
            int i = (j - 1) / 2; // truncated toward zero as in Go: the root is its own parent
            if (i == j || !less(j, i)) {
                break;
            }
            Collections.swap(items, i, j);
            j = i;
        }
    }

    private void down(int i0, int n) {
        int i = i0;
        while (true) {
            int j1 = 2 * i + 1;
            if (j1 >= n || j1 < 0) {
                break;
            }
            int j = j1;
            int j2 = j1 + 1;
            if (j2 < n && less(j2, j1)) {
                j = j2;
            }
            if (!less(j, i)) {
                break;
            }
            Collections.swap(items, i, j);
            i = j;
        }
    }
}
