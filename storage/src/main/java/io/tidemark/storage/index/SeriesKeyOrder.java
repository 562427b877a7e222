package io.tidemark.storage.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The keys of selected series in key order, with each measurement's order remembered between reads. Series ids
 * follow the order series were first written, not their keys, and a read over many series wants them sorted: the
 * sort of 100,000 keys (scattered over the heap, sharing long prefixes) was 40 % of a count over all of them. So the
 * first read that selects most of a measurement's series sorts them all once and keeps their ids in key order
 * (4 bytes a series); later reads walk that order and keep the ids they selected, and sort only series added since,
 * merging them in. When those become many, the order is rebuilt. A read that selects few series sorts just those.
 *
 * <p>The orders are kept with the index's snapshot ({@link SeriesIndexFormat}, version 3), which builds any that is
 * missing or stale before it is written, so that the first read over many series after a restart does not sort them.
 *
 * <p>Thread-safe: an order is immutable and replaced whole; two readers may build one at once, and either's is right.
 * Deleted series need no care: a selection never holds them. One per index.
 */
final class SeriesKeyOrder {
    /** Below this many selected series a read sorts their keys itself. */
    static final int MIN_SELECTED = 256;
    /** A read selecting less than 1/SPARSE of the measurement's series sorts their keys itself. */
    private static final int SPARSE = 8;

    /** The measurement's series with ids below {@code limit}, live when it was made, in key order. */
    record Order(int limit, int[] ids) {
    }

    private final ConcurrentHashMap<String, Order> orders = new ConcurrentHashMap<>();

    /** The keys of the {@code selected} series of measurement {@code name} (the index's name), sorted unsigned. */
    List<byte[]> sortedKeys(SeriesIndex index, String name, RoaringBitmap selected) {
        int n = selected.getCardinality();
        if (n < MIN_SELECTED) {
            return sortedKeys(index, selected);
        }
        Order order = orders.get(name);
        long size = order != null ? order.ids.length : index.seriesCardinality(name);
        if ((long) n * SPARSE < size) {
            return sortedKeys(index, selected);
        }
        if (isStale(order, selected)) {
            order = build(index, name);
            orders.put(name, order);
        }
        List<byte[]> walked = new ArrayList<>(n);
        for (int id : order.ids) {
            if (selected.contains(id)) {
                byte[] key = index.seriesKey(id);
                if (key != null) {
                    walked.add(key);
                }
            }
        }
        RoaringBitmap newer = selected.clone();
        newer.remove(0L, order.limit);
        return newer.isEmpty() ? walked : merge(walked, sortedKeys(index, newer));
    }

    private static boolean isStale(Order order, RoaringBitmap series) {
        return order == null || series.rangeCardinality(order.limit, 1L << 32) > order.ids.length / SPARSE;
    }

    /** Forgets a measurement's order (it was dropped). */
    void forget(String name) {
        orders.remove(name);
    }

    /**
     * Builds the order of every measurement of at least {@link #MIN_SELECTED} series that has none or a stale one,
     * as the first read over most of its series would; for a snapshot, which then keeps them. Takes no lock.
     */
    void prepareAll(SeriesIndex index, Iterable<String> measurements) {
        for (String name : measurements) {
            RoaringBitmap all = index.measurementSeries(name);
            if (all.getCardinality() >= MIN_SELECTED && isStale(orders.get(name), all)) {
                orders.put(name, build(index, name));
            }
        }
    }

    /** The order of a measurement, or null. */
    Order orderOf(String name) {
        return orders.get(name);
    }

    /** Takes an order read from a snapshot. */
    void restore(String name, Order order) {
        orders.put(name, order);
    }

    private static Order build(SeriesIndex index, String name) {
        // Read before the selection: every series below it is complete in the postings the selection reads.
        int limit = index.nextSeriesId();
        RoaringBitmap all = index.measurementSeries(name);
        all.remove((long) limit, 1L << 32);
        record Entry(byte[] key, int id) {
        }
        List<Entry> entries = new ArrayList<>(all.getCardinality());
        for (IntIterator it = all.getIntIterator(); it.hasNext();) {
            int id = it.next();
            byte[] key = index.seriesKey(id);
            if (key != null) {
                entries.add(new Entry(key, id));
            }
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a.key, b.key));
        int[] ids = new int[entries.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = entries.get(i).id;
        }
        return new Order(limit, ids);
    }

    private static List<byte[]> sortedKeys(SeriesIndex index, RoaringBitmap selected) {
        List<byte[]> out = new ArrayList<>(selected.getCardinality());
        for (IntIterator it = selected.getIntIterator(); it.hasNext();) {
            byte[] key = index.seriesKey(it.next());
            // Null for a series deleted since the selection.
            if (key != null) {
                out.add(key);
            }
        }
        out.sort(Arrays::compareUnsigned);
        return out;
    }

    private static List<byte[]> merge(List<byte[]> a, List<byte[]> b) {
        List<byte[]> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            out.add(Arrays.compareUnsigned(a.get(i), b.get(j)) <= 0 ? a.get(i++) : b.get(j++));
        }
        out.addAll(a.subList(i, a.size()));
        out.addAll(b.subList(j, b.size()));
        return out;
    }
}
