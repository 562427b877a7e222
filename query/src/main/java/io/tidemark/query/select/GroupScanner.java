package io.tidemark.query.select;

import io.tidemark.influxql.ast.VarRef;
import io.tidemark.query.QueryException;
import io.tidemark.query.memory.HeapEstimates;
import io.tidemark.query.memory.MemoryAccount;
import io.tidemark.storage.api.ShardReader;
import io.tidemark.storage.api.ValueRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;

/**
 * Reads the rows of one output group: for every series of the group, a row at each time one of the driving
 * fields has a value (the selected fields of a raw query, the arguments of the calls of an aggregate), carrying
 * the values of all driving fields at that time and of the following fields (read only where a driver has a row,
 * as InfluxDB reads auxiliary and condition fields).
 *
 * <p>Merged, the series' rows come in the statement's time order, and one cursor per series and field of the group
 * is open at a time. Unmerged, the series are read one after the other, each in time order, and only one series'
 * cursors are open: enough for aggregates whose result does not depend on the order of the points. For integral(),
 * and first() and last() without GROUP BY time(), the rows come in the order InfluxDB feeds their reducers, rows at
 * one time included ({@link Merge#SOURCES_IN_TURN}, {@link Merge#FIRST_TWO_PER_SHARD}).
 *
 * <p>Each open series' reading state is charged to the statement's memory account until the series is exhausted or
 * the scanner is {@linkplain #close closed}: merged, that is every series of the group at once. The buffers of the
 * storage cursors are storage's and not counted.
 *
 * <p>Not thread-safe.
 */
final class GroupScanner {
    /** A {@link FieldCursor}: 10 references, 5 longs, an int and two booleans, and its current value. */
    private static final long FIELD_CURSOR = HeapEstimates.object(10 * HeapEstimates.REFERENCE + 5 * 8 + 4 + 2)
            + HeapEstimates.BOXED_NUMBER;

    /**
     * A top-level conjunct of the WHERE clause that is false whenever one field has no value: rows can then only be
     * at that field's times, and a row whose value fails it is dropped before any other cursor moves to it. The
     * field is {@code slot} (a driver, or {@code drivers + i} for follower i); {@code admits} tests its value;
     * {@code appliesTo} says for which members the clause is evaluated per row at all; {@code range}, when not null,
     * holds exactly the values {@code admits} lets through (as doubles), so that the cursor may drop the others and
     * storage skip blocks without any.
     */
    record Gate(int slot, Predicate<Object> admits, Predicate<Member> appliesTo, ValueRange range) {
    }

    /** Which rows the scanner yields: the others are skipped before the series' rows are merged. */
    @FunctionalInterface
    interface RowFilter {
        /**
         * @param values the row's value of driver {@code slot}, or of follower {@code slot - drivers}; null if none
         */
        boolean admits(Member member, IntFunction<Object> values);
    }

    private final ShardReader reader;
    private final SeriesGroup group;
    private final Gate gate;
    private final List<VarRef> drivers;
    private final List<VarRef> followers;
    private final long min;
    private final long max;
    private final boolean ascending;
    private final boolean merged;
    private final ReadBudget budget;
    /** Merged groups of at most this many series read their cursors in batches (see {@link FieldCursor}). */
    static final int MAX_BATCHING_SERIES = 16;
    private final boolean batching;
    /**
     * Merged groups of more series but at most this many read the cursor of a gate with a value range in batches,
     * and only that one (2 KB a series), so that storage skips its blocks with no passing value.
     */
    static final int MAX_GATE_BATCHING_SERIES = 1024;
    private final boolean gateBatching;
    /** The merge of {@link Merge#NONE} and {@link Merge#BY_TIME}; null with the shard-by-shard merges. */
    private final RowsHeap queue;
    /** With the shard-by-shard merges: per FROM source, its rows in InfluxDB's order; null otherwise. */
    private final SourceRows[] inTurn;
    private final LongUnaryOperator windowOf;
    private final RowFilter filter;
    /** Bytes charged for the lists of {@link #inTurn}, released at {@link #close}. */
    private long listBytes;
    /** With the shard-by-shard merges: the order of rows in a shard's merge (time, then the tie-break). */
    private final Comparator<SeriesRows> rowOrder;
    /** With {@link Merge#SORTED_PER_SHARD}: the sources are merged by their next rows, not in turn. */
    private final boolean sortedSources;
    /** With {@link Merge#SORTED_PER_SHARD}: the sources with rows, by their next row; made at the first row. */
    private GoHeap<SourceRows> sourceHeap;
    private final MemoryAccount memory;
    /** The estimated bytes of one open series: its {@link SeriesRows}, arrays, cursors and queue slot. */
    private final long seriesBytes;
    /** Series opened and not yet exhausted; each is charged {@link #seriesBytes}. */
    private int open;
    private int nextMember;
    private SeriesRows current;

    /** How the rows of a group's series follow one another. */
    enum Merge {
        /** One series after the other. */
        NONE,
        /** All series merged in time order. */
        BY_TIME,
        /**
         * Window by window of the statement's GROUP BY time() (the whole range without one), the sources one after
         * the other (a measurement named twice is read twice), each source's series merged as InfluxDB's sorted
         * merge does: shard after shard, and within a shard by time through Go's heap, which yields the rows of one
         * time in an order that depends on the heap's history ({@link GoHeap}). The order in which InfluxDB feeds an
         * integral's reducer, which keeps the last of the points at one time.
         */
        SOURCES_IN_TURN,
        /**
         * As {@link #SOURCES_IN_TURN}, with rows at one time ordered by {@link ShardMerge#tieBreak} before the heap
         * decides, and only the first two rows of each shard's merge: the points InfluxDB's {@code first()} and
         * {@code last()} without GROUP BY time() choose among (tsm1 {@code Engine.CreateIterator} merges a shard's
         * series with a LIMIT 1 whose iterator lets one more point through, and the reducer keeps the earlier or
         * later, of equal times the larger value).
         */
        FIRST_TWO_PER_SHARD,
        /**
         * Each source shard by shard as {@link #SOURCES_IN_TURN}, rows at one time ordered by
         * {@link ShardMerge#tieBreak} before the heap decides, and the sources merged the same way (by time, the
         * tie-break, then a {@link GoHeap} of the sources): InfluxDB's sorted merges, which feed a raw SELECT.
         */
        SORTED_PER_SHARD
    }

    /**
     * What the shard-by-shard merges ({@link Merge#SOURCES_IN_TURN}, {@link Merge#FIRST_TWO_PER_SHARD}) need.
     *
     * @param sourceShards per FROM source, its shards in time order
     * @param tieBreak among rows at one time, whether one goes before another (InfluxDB's heap compares the string
     *     values of the auxiliary fields); null when the heap alone decides
     */
    record ShardMerge(List<List<Long>> sourceShards, RowTieBreak tieBreak) {
    }

    /** Whether, at one time, row a goes before row b; Go's {@code Less}, so false for equals. */
    @FunctionalInterface
    interface RowTieBreak {
        boolean before(Member a, IntFunction<Object> aValues, Member b, IntFunction<Object> bValues);
    }

    /**
     * @param drivers fields whose values make rows, typed
     * @param followers fields read at the rows' times, typed
     * @param gate a conjunct that rows must pass (see {@link Gate}); null if none
     * @param merge how the rows of the group's series follow one another
     * @param windowOf with the shard-by-shard merges: the start of the window a time is in; unused otherwise
     * @param shardMerge with {@link Merge#SOURCES_IN_TURN} and {@link Merge#FIRST_TWO_PER_SHARD}: the sources'
     *     shards and the order of rows at one time; unused otherwise
     * @param filter the rows to yield; null for all
     */
    GroupScanner(ShardReader reader, SeriesGroup group, List<VarRef> drivers, List<VarRef> followers, Gate gate,
            long min, long max, boolean ascending, Merge merge, LongUnaryOperator windowOf,
            ShardMerge shardMerge, RowFilter filter, ReadBudget budget, MemoryAccount memory)
            throws QueryException {
        boolean merged = merge != Merge.NONE;
        this.reader = reader;
        this.gate = gate;
        this.memory = memory;
        int cursors = drivers.size() + followers.size();
        // Batches cost 2 KB a cursor: only where few series are open at once.
        this.batching = ascending && (!merged || group.members().size() <= MAX_BATCHING_SERIES);
        this.gateBatching = ascending && !batching && gate != null && gate.range() != null
                && group.members().size() <= MAX_GATE_BATCHING_SERIES;
        this.seriesBytes = HeapEstimates.object(4 + 1 + 8 + 8 + 11 * HeapEstimates.REFERENCE)
                + HeapEstimates.object(HeapEstimates.REFERENCE) + 6 * HeapEstimates.array(cursors)
                + cursors * (FIELD_CURSOR + (batching ? FieldCursor.BATCH_BYTES : 0))
                + (gateBatching ? FieldCursor.BATCH_BYTES : 0) + HeapEstimates.LIST_SLOT;
        this.group = group;
        this.drivers = drivers;
        this.followers = followers;
        this.min = min;
        this.max = max;
        this.ascending = ascending;
        this.merged = merged;
        this.budget = budget;
        this.windowOf = windowOf;
        this.filter = filter;
        Comparator<SeriesRows> byTime = ascending ? Comparator.comparingLong(r -> r.time)
                : Comparator.comparingLong((SeriesRows r) -> r.time).reversed();
        if (merge == Merge.SOURCES_IN_TURN || merge == Merge.FIRST_TWO_PER_SHARD
                || merge == Merge.SORTED_PER_SHARD) {
            List<List<Long>> sourceShards = shardMerge.sourceShards();
            Comparator<SeriesRows> order = byTime;
            RowTieBreak tie = shardMerge.tieBreak();
            if (tie != null) {
                order = byTime.thenComparing((a, b) -> tie.before(a.member, a.values, b.member, b.values) ? -1
                        : tie.before(b.member, b.values, a.member, a.values) ? 1 : 0);
            }
            int rowsPerShard = merge == Merge.FIRST_TWO_PER_SHARD ? 2 : Integer.MAX_VALUE;
            this.queue = null;
            this.inTurn = new SourceRows[drivers.isEmpty() ? 0 : sourceShards.size()];
            List<List<Member>> bySource = new ArrayList<>();
            for (int s = 0; s < inTurn.length; s++) {
                bySource.add(new ArrayList<>());
            }
            for (Member m : drivers.isEmpty() ? List.<Member>of() : group.members()) {
                bySource.get(m.source()).add(m);
            }
            for (int s = 0; s < inTurn.length; s++) {
                List<Long> shards = ascending ? sourceShards.get(s) : sourceShards.get(s).reversed();
                inTurn[s] = new SourceRows(shards, bySource.get(s), order, rowsPerShard);
            }
            this.rowOrder = order;
            this.sortedSources = merge == Merge.SORTED_PER_SHARD;
            // The lists of members and their positions: 4 + 4 bytes a member.
            this.listBytes = 8L * group.members().size() + inTurn.length * 2 * HeapEstimates.array(0);
            memory.charge(listBytes);
            nextMember = group.members().size();
            return;
        }
        this.inTurn = null;
        this.rowOrder = null;
        this.sortedSources = false;
        this.queue = new RowsHeap(merged ? group.members().size() : 1, ascending);
        if (drivers.isEmpty()) {
            nextMember = group.members().size();
        } else if (merged) {
            while (nextMember < group.members().size()) {
                openNext();
            }
        }
    }

    /** Opens the cursors of the next series and queues it if it has a row. */
    private void openNext() throws QueryException {
        int index = nextMember++;
        SeriesRows rows = open(index, group.members().get(index), group.members().get(index).shards());
        if (rows != null) {
            queue.add(rows);
        }
    }

    /** Opens the cursors of a series over {@code shards}; its first row read, or null (released) if it has none. */
    private SeriesRows open(int index, Member m, List<Long> shards) throws QueryException {
        memory.charge(seriesBytes);
        open++;
        Gate g = gate != null && gate.appliesTo().test(m) ? gate : null;
        int batchedGate = g != null && gateBatching ? g.slot() : -1;
        FieldCursor[] d = new FieldCursor[drivers.size()];
        for (int i = 0; i < d.length; i++) {
            VarRef ref = drivers.get(i);
            d[i] = new FieldCursor(reader, shards, m.series().key(), ref.name(), ref.type(), min, max,
                    ascending, budget, batching || i == batchedGate);
        }
        FieldCursor[] f = new FieldCursor[followers.size()];
        for (int i = 0; i < f.length; i++) {
            VarRef ref = followers.get(i);
            f[i] = new FieldCursor(reader, shards, m.series().key(), ref.name(), ref.type(), min, max,
                    ascending, budget, batching || d.length + i == batchedGate);
        }
        if (g != null && g.range() != null) {
            (g.slot() < d.length ? d[g.slot()] : f[g.slot() - d.length]).onlyValuesIn(g.range());
        }
        SeriesRows rows = new SeriesRows(index, m, d, f, ascending, g);
        if (advance(rows)) {
            return rows;
        }
        exhausted();
        return null;
    }

    /** Moves a series to its next row the filter admits; false when it has none. */
    private boolean advance(SeriesRows rows) throws QueryException {
        while (rows.advance()) {
            if (filter == null || filter.admits(rows.member, rows::value)) {
                return true;
            }
        }
        return false;
    }

    private void exhausted() {
        open--;
        memory.release(seriesBytes);
    }

    /** Releases what the open series hold; the scanner is not used afterwards. */
    void close() {
        memory.release(open * seriesBytes + listBytes);
        open = 0;
        listBytes = 0;
        if (queue != null) {
            queue.clear();
        }
        current = null;
    }

    /** Moves to the next row of the group; false when there are none. */
    boolean next() throws QueryException {
        if (inTurn != null) {
            return nextInTurn();
        }
        if (current != null) {
            // The current series is still the heap's top: moved on, it sinks to its place, or leaves.
            if (advance(current)) {
                queue.topMoved();
            } else {
                queue.removeTop();
                exhausted();
            }
        }
        while (queue.isEmpty() && nextMember < group.members().size()) {
            openNext();
        }
        current = queue.top();
        return current != null;
    }

    /**
     * {@link Merge#SOURCES_IN_TURN}: the source whose next row has the earliest window (the latest, descending),
     * the first such source on a tie, as InfluxDB's merge of sources reads one source until its window ends.
     */
    private boolean nextInTurn() throws QueryException {
        if (sortedSources) {
            return nextSorted();
        }
        if (current != null) {
            if (advance(current)) {
                inTurn[current.member.source()].putBack(current);
            } else {
                exhausted();
            }
        }
        current = null;
        SourceRows best = null;
        long bestWindow = 0;
        for (SourceRows s : inTurn) {
            SeriesRows head = s.peek();
            if (head == null) {
                continue;
            }
            long w = windowOf.applyAsLong(head.time);
            if (best == null || (ascending ? w < bestWindow : w > bestWindow)) {
                best = s;
                bestWindow = w;
            }
        }
        if (best != null) {
            current = best.take();
        }
        return current != null;
    }

    /**
     * {@link Merge#SORTED_PER_SHARD}: the source whose next row comes first, through a heap of the sources as
     * InfluxDB's sorted merge of its inputs: the source taken from is pushed back once its next row is known.
     */
    private boolean nextSorted() throws QueryException {
        if (sourceHeap == null) {
            List<SourceRows> started = new ArrayList<>();
            for (SourceRows s : inTurn) {
                if (s.peek() != null) {
                    started.add(s);
                }
            }
            sourceHeap = new GoHeap<>(started, (a, b) -> rowOrder.compare(a.head(), b.head()));
        } else if (current != null) {
            SourceRows s = inTurn[current.member.source()];
            if (advance(current)) {
                s.putBack(current);
            } else {
                exhausted();
            }
            if (s.peek() != null) {
                sourceHeap.push(s);
            }
        }
        current = sourceHeap.isEmpty() ? null : sourceHeap.pop().take();
        return current != null;
    }

    long time() {
        return current.time;
    }

    Member member() {
        return current.member;
    }

    /** The shard the current row was read from (a row's driver values all come from one shard). */
    long shard() {
        return current.shard;
    }

    /** The value of driver {@code i}, or of follower {@code i - drivers}, at the current row; null if none. */
    Object value(int slot) {
        return current.value(slot);
    }

    /**
     * The open series by their next row: by time (latest first when descending), then by their index in the group,
     * a total order, so the rows come out the same whatever the heap's history. A binary heap whose keys sit in
     * arrays of their own beside the series: the JDK's queue compared the series objects through a chain of
     * comparator lambdas, each comparison a likely cache miss on a series object, which took two thirds of the
     * merge of 100,000 series for a percentile (JFR).
     */
    private static final class RowsHeap {
        private final boolean ascending;
        private SeriesRows[] rows;
        private long[] times;
        private int[] indexes;
        private int size;

        RowsHeap(int capacity, boolean ascending) {
            int n = Math.max(1, capacity);
            this.rows = new SeriesRows[n];
            this.times = new long[n];
            this.indexes = new int[n];
            this.ascending = ascending;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void clear() {
            Arrays.fill(rows, 0, size, null);
            size = 0;
        }

        /** The series whose row comes first; null when empty. */
        SeriesRows top() {
            return size == 0 ? null : rows[0];
        }

        void add(SeriesRows r) {
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
                times = Arrays.copyOf(times, size * 2);
                indexes = Arrays.copyOf(indexes, size * 2);
            }
            long time = r.time;
            int index = r.index;
            int at = size++;
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (!precedes(time, index, times[parent], indexes[parent])) {
                    break;
                }
                move(parent, at);
                at = parent;
            }
            set(at, r, time, index);
        }

        /** Restores the order after the top series moved to its next row. */
        void topMoved() {
            SeriesRows top = rows[0];
            siftDown(top, top.time, top.index);
        }

        void removeTop() {
            int last = --size;
            SeriesRows r = rows[last];
            rows[last] = null;
            if (size > 0) {
                siftDown(r, times[last], indexes[last]);
            }
        }

        /** Places the series with this key at the root's position and sinks it. */
        private void siftDown(SeriesRows r, long time, int index) {
            int at = 0;
            int half = size >>> 1;
            while (at < half) {
                int child = 2 * at + 1;
                int right = child + 1;
                if (right < size && precedes(times[right], indexes[right], times[child], indexes[child])) {
                    child = right;
                }
                if (!precedes(times[child], indexes[child], time, index)) {
                    break;
                }
                move(child, at);
                at = child;
            }
            set(at, r, time, index);
        }

        /** Whether the row of key ({@code time}, {@code index}) comes before the row of the other key. */
        private boolean precedes(long time, int index, long otherTime, int otherIndex) {
            if (time != otherTime) {
                return ascending == time < otherTime;
            }
            return index < otherIndex;
        }

        private void move(int from, int to) {
            rows[to] = rows[from];
            times[to] = times[from];
            indexes[to] = indexes[from];
        }

        private void set(int at, SeriesRows r, long time, int index) {
            rows[at] = r;
            times[at] = time;
            indexes[at] = index;
        }
    }

    /**
     * One FROM source's rows as InfluxDB's sorted merge of a source yields them: shard after shard in the
     * statement's time order (shards do not share times), and within a shard the series that have rows there,
     * started in series key order (reversed under ORDER BY time DESC, as InfluxDB reverses a tag set's series) and
     * merged by time through a {@link GoHeap}. A shard's series are opened when the one before is exhausted.
     */
    private final class SourceRows {
        /** The source's shards in read order. */
        private final List<Long> shards;
        /** The source's members in the order a shard's series start in. */
        private final List<Member> members;
        private final ShardWalk walk;
        private final Comparator<SeriesRows> order;
        /** How many rows of a shard are taken before the rest of the shard is dropped. */
        private final int rowsPerShard;
        private int nextShard;
        private int takenInShard;
        private GoHeap<SeriesRows> heap;

        SourceRows(List<Long> shards, List<Member> members, Comparator<SeriesRows> order, int rowsPerShard) {
            this.shards = shards;
            this.members = ascending ? members : members.reversed();
            this.walk = new ShardWalk(this.members, ascending);
            this.order = order;
            this.rowsPerShard = rowsPerShard;
        }

        /** The next row, opening shards until one has rows; null when every shard is read. */
        SeriesRows peek() throws QueryException {
            if (heap != null && takenInShard >= rowsPerShard) {
                heap.drain().forEach(dropped -> exhausted());
            }
            while ((heap == null || heap.isEmpty()) && nextShard < shards.size()) {
                long shard = shards.get(nextShard++);
                List<SeriesRows> started = new ArrayList<>();
                for (int i = 0; i < members.size(); i++) {
                    if (!walk.enters(i, shard)) {
                        continue;
                    }
                    SeriesRows rows = open(0, members.get(i), List.of(shard));
                    if (rows != null) {
                        started.add(rows);
                    }
                }
                heap = new GoHeap<>(started, order);
                takenInShard = 0;
            }
            return heap == null ? null : heap.peek();
        }

        /** The row {@link #peek} returned last, while it is not taken. */
        SeriesRows head() {
            return heap.peek();
        }

        /** Removes the row {@link #peek} returned. */
        SeriesRows take() {
            takenInShard++;
            return heap.pop();
        }

        /** Returns a series taken before, moved to its next row. */
        void putBack(SeriesRows rows) {
            heap.push(rows);
        }
    }

    /** The rows of one series: driver cursors merged by time, followers looked up at each row's time. */
    private static final class SeriesRows {
        final int index;
        final Member member;
        final FieldCursor[] drivers;
        final FieldCursor[] followers;
        final boolean ascending;
        final boolean[] driverHas;
        final boolean[] followerHas;
        /**
         * Per cursor: whether the row has its current value (read only when asked for); it moves on when the next
         * row is asked for.
         */
        final boolean[] driverTaken;
        final boolean[] followerTaken;
        /** Null when every driver makes rows. */
        final Gate gate;
        /** {@link #value}, made once: the merge's tie-break reads values in every comparison. */
        final IntFunction<Object> values = this::value;
        long time;
        long shard;

        SeriesRows(int index, Member member, FieldCursor[] drivers, FieldCursor[] followers, boolean ascending,
                Gate gate) throws QueryException {
            this.index = index;
            this.gate = gate;
            this.member = member;
            this.drivers = drivers;
            this.followers = followers;
            this.ascending = ascending;
            this.driverHas = new boolean[drivers.length];
            this.followerHas = new boolean[followers.length];
            this.driverTaken = new boolean[drivers.length];
            this.followerTaken = new boolean[followers.length];
            // Under a gate only its cursor moves now; the others start where its first admitted value is (their
            // time before a first move is the earliest there is, see FieldCursor#advanceTo).
            int gateSlot = gate == null ? -1 : gate.slot();
            for (int i = 0; i < drivers.length; i++) {
                driverHas[i] = gate == null || i == gateSlot ? drivers[i].next() : true;
            }
            for (int i = 0; i < followers.length; i++) {
                followerHas[i] = gate == null || drivers.length + i == gateSlot ? followers[i].next() : true;
            }
        }

        /** Computes the next row; false when the drivers are exhausted. */
        boolean advance() throws QueryException {
            // Cursors move past the values the last row took only now, so that a reader that stops after a row
            // (LIMIT) reads nothing beyond it: under ORDER BY time DESC LIMIT 1, only the latest values.
            for (int i = 0; i < drivers.length; i++) {
                if (driverTaken[i]) {
                    driverTaken[i] = false;
                    driverHas[i] = drivers[i].next();
                }
            }
            for (int i = 0; i < followers.length; i++) {
                if (followerTaken[i]) {
                    followerTaken[i] = false;
                    followerHas[i] = followers[i].next();
                }
            }
            return gate == null ? advanceByDrivers() : advanceByGate();
        }

        private boolean advanceByDrivers() throws QueryException {
            boolean found = false;
            long t = 0;
            for (int i = 0; i < drivers.length; i++) {
                if (driverHas[i]) {
                    long dt = drivers[i].time();
                    if (!found || (ascending ? dt < t : dt > t)) {
                        t = dt;
                        found = true;
                    }
                }
            }
            if (!found) {
                return false;
            }
            time = t;
            for (int i = 0; i < drivers.length; i++) {
                if (driverHas[i] && drivers[i].time() == t) {
                    shard = drivers[i].shard();
                    driverTaken[i] = true;
                }
            }
            for (int i = 0; i < followers.length; i++) {
                FieldCursor c = followers[i];
                while (followerHas[i] && (ascending ? c.time() < t : c.time() > t)) {
                    followerHas[i] = c.next();
                }
                if (followerHas[i] && c.time() == t) {
                    followerTaken[i] = true;
                }
            }
            return true;
        }

        /**
         * The next row at a time the gate's field has an admitted value, with every other cursor moved to that time;
         * a time without a driver value is no row (the gate may be a follower). The same rows as
         * {@link #advanceByDrivers} gives and the condition then keeps, since the gate is false where its field has
         * no value; only the gate's cursor reads the values of rows that fail it.
         */
        private boolean advanceByGate() throws QueryException {
            int slot = gate.slot();
            boolean gateIsDriver = slot < drivers.length;
            FieldCursor g = gateIsDriver ? drivers[slot] : followers[slot - drivers.length];
            while (true) {
                boolean has = gateIsDriver ? driverHas[slot] : followerHas[slot - drivers.length];
                while (has && !gate.admits().test(g.value())) {
                    has = g.next();
                }
                if (gateIsDriver) {
                    driverHas[slot] = has;
                } else {
                    followerHas[slot - drivers.length] = has;
                }
                if (!has) {
                    return false;
                }
                long t = g.time();
                boolean row = false;
                for (int i = 0; i < drivers.length; i++) {
                    FieldCursor c = drivers[i];
                    if (driverHas[i] && (ascending ? c.time() < t : c.time() > t)) {
                        driverHas[i] = c.advanceTo(t);
                    }
                    if (driverHas[i] && c.time() == t) {
                        shard = c.shard();
                        driverTaken[i] = true;
                        row = true;
                    }
                }
                for (int i = 0; i < followers.length; i++) {
                    FieldCursor c = followers[i];
                    if (followerHas[i] && (ascending ? c.time() < t : c.time() > t)) {
                        followerHas[i] = c.advanceTo(t);
                    }
                    if (followerHas[i] && c.time() == t) {
                        followerTaken[i] = true;
                    }
                }
                if (row) {
                    time = t;
                    return true;
                }
                // No selected field has a value at the gate's time: move on, as advance() would have.
                for (int i = 0; i < followers.length; i++) {
                    if (followerTaken[i]) {
                        followerTaken[i] = false;
                        followerHas[i] = followers[i].next();
                    }
                }
            }
        }

        /** The value of driver {@code slot}, or of follower {@code slot - drivers}, at the row; null if none. */
        Object value(int slot) {
            if (slot < drivers.length) {
                return driverTaken[slot] ? drivers[slot].value() : null;
            }
            int f = slot - drivers.length;
            return followerTaken[f] ? followers[f].value() : null;
        }
    }
}
