package io.tidemark.diagnostics.threads;

import io.tidemark.common.GoDuration;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders captured threads as text, in the two shapes of Go's {@code /debug/pprof/goroutine}:
 * {@link #grouped} ({@code debug=1}: one entry per identical stack with a count, largest first) and
 * {@link #detailed} ({@code debug=2}: every thread with its state, the lock it waits for and that lock's
 * owner, the locks it holds and how long it has been waiting). Both start with the objects most threads
 * wait on, since a pile-up behind one lock is what these pages are read for. Stateless.
 */
public final class ThreadDumpFormatter {
    private static final int NAMES_PER_GROUP = 5;
    private static final int CONTENDED_OBJECTS = 10;

    private ThreadDumpFormatter() {
    }

    /**
     * The {@code debug=1} page: threads grouped by state and identical stack.
     *
     * @param maxGroups how many groups to show, largest first; the rest are summarised in one line
     */
    public static String grouped(List<ThreadSnapshot> threads, boolean virtualCaptured, int maxGroups) {
        StringBuilder out = new StringBuilder(64 * 1024);
        appendHeader(out, threads, virtualCaptured);
        appendContention(out, threads);
        List<Group> groups = group(threads);
        int shown = Math.min(maxGroups, groups.size());
        for (int i = 0; i < shown; i++) {
            appendGroup(out, groups.get(i));
        }
        if (shown < groups.size()) {
            int rest = 0;
            for (int i = shown; i < groups.size(); i++) {
                rest += groups.get(i).threads.size();
            }
            out.append("... ").append(groups.size() - shown).append(" more stacks with ").append(rest)
                    .append(" threads\n");
        }
        return out.toString();
    }

    /**
     * The {@code debug=2} page: every thread, by id.
     *
     * @param synchronizersCaptured whether the capture included held ownable synchronizers
     * @param observedWaits for threads the watchdog has seen waiting on the same lock without progress, how
     *                      long it has seen them so (a lower bound of the current wait); may be empty
     */
    public static String detailed(List<ThreadSnapshot> threads, boolean virtualCaptured,
            boolean synchronizersCaptured, Map<Long, Duration> observedWaits) {
        StringBuilder out = new StringBuilder(256 * 1024);
        appendHeader(out, threads, virtualCaptured);
        if (!synchronizersCaptured) {
            out.append("held ReentrantLocks and write locks not shown (synchronizers=0); held monitors are\n\n");
        }
        appendContention(out, threads);
        appendThreads(out, threads, observedWaits);
        return out.toString();
    }

    /** Every given thread in the {@code debug=2} form, without headers: for logs of a few threads. */
    public static void appendThreads(StringBuilder out, List<ThreadSnapshot> threads,
            Map<Long, Duration> observedWaits) {
        Map<Long, List<String>> blockedByOwner = new HashMap<>();
        for (ThreadSnapshot t : threads) {
            if (t.waitingOn() != null && t.waitingOn().hasOwner()) {
                blockedByOwner.computeIfAbsent(t.waitingOn().ownerId(), k -> new ArrayList<>()).add(t.name());
            }
        }
        for (ThreadSnapshot t : threads) {
            appendThread(out, t, observedWaits.get(t.id()), blockedByOwner.getOrDefault(t.id(), List.of()));
        }
    }

    private static void appendHeader(StringBuilder out, List<ThreadSnapshot> threads, boolean virtualCaptured) {
        int virtual = 0;
        for (ThreadSnapshot t : threads) {
            if (t.virtual()) {
                virtual++;
            }
        }
        out.append("thread profile: total ").append(threads.size()).append(" (")
                .append(threads.size() - virtual).append(" platform, ");
        if (virtualCaptured) {
            out.append(virtual).append(" virtual)\n");
        } else {
            out.append("virtual threads not captured: add &virtual=1)\n");
        }
        out.append('\n');
    }

    /** The objects that several threads wait on, or that some thread waits on while another owns it. */
    private static void appendContention(StringBuilder out, List<ThreadSnapshot> threads) {
        Map<String, List<ThreadSnapshot>> waiters = new HashMap<>();
        Map<Long, ThreadSnapshot> byId = new HashMap<>();
        for (ThreadSnapshot t : threads) {
            byId.put(t.id(), t);
            if (t.waitingOn() != null) {
                waiters.computeIfAbsent(t.waitingOn().lock(), k -> new ArrayList<>()).add(t);
            }
        }
        List<Map.Entry<String, List<ThreadSnapshot>>> contended = new ArrayList<>();
        for (Map.Entry<String, List<ThreadSnapshot>> e : waiters.entrySet()) {
            if (e.getValue().size() >= 2 || e.getValue().getFirst().waitingOn().hasOwner()) {
                contended.add(e);
            }
        }
        if (contended.isEmpty()) {
            return;
        }
        contended.sort(Comparator.<Map.Entry<String, List<ThreadSnapshot>>>comparingInt(e -> -e.getValue().size())
                .thenComparing(Map.Entry::getKey));
        out.append("most waited-on objects:\n");
        for (int i = 0; i < Math.min(CONTENDED_OBJECTS, contended.size()); i++) {
            List<ThreadSnapshot> ws = contended.get(i).getValue();
            ThreadSnapshot.LockWait lock = ws.getFirst().waitingOn();
            boolean acquiring = WaitKind.of(ws.getFirst().state(), lock).isLockAcquisition();
            out.append("  ").append(ws.size()).append(ws.size() == 1 ? " thread " : " threads ")
                    .append(acquiring ? "waiting to lock " : "waiting on ").append(lock.lock());
            if (lock.hasOwner()) {
                ThreadSnapshot owner = byId.get(lock.ownerId());
                out.append(" owned by \"").append(lock.ownerName()).append("\" (thread ").append(lock.ownerId());
                if (owner != null) {
                    out.append(", ").append(owner.state());
                    if (owner.waitingOn() != null) {
                        out.append(" on ").append(owner.waitingOn().lock());
                    }
                }
                out.append(')');
            } else {
                out.append(" (no owner known to the JVM)");
            }
            out.append(": ");
            appendNames(out, ws);
            out.append('\n');
        }
        if (contended.size() > CONTENDED_OBJECTS) {
            out.append("  ... ").append(contended.size() - CONTENDED_OBJECTS).append(" more objects\n");
        }
        out.append('\n');
    }

    private static List<Group> group(List<ThreadSnapshot> threads) {
        Map<GroupKey, Group> groups = new LinkedHashMap<>();
        for (ThreadSnapshot t : threads) {
            GroupKey key = new GroupKey(t.state(), t.inNative(), t.virtual(), t.frames());
            groups.computeIfAbsent(key, Group::new).threads.add(t);
        }
        List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.<Group>comparingInt(g -> -g.threads.size())
                .thenComparingLong(g -> g.threads.getFirst().id()));
        return sorted;
    }

    private static void appendGroup(StringBuilder out, Group g) {
        out.append(g.threads.size()).append(" @ ").append(g.key.state());
        if (g.key.inNative()) {
            out.append(" (in native)");
        }
        if (g.key.virtual()) {
            out.append(" (virtual)");
        }
        out.append(": ");
        appendNames(out, g.threads);
        out.append('\n');
        Map<String, Integer> waitedOn = new HashMap<>();
        for (ThreadSnapshot t : g.threads) {
            if (t.waitingOn() != null) {
                waitedOn.merge(t.waitingOn().lock(), 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> objects = new ArrayList<>(waitedOn.entrySet());
        objects.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey));
        for (int i = 0; i < Math.min(3, objects.size()); i++) {
            out.append("#\twaiting on ").append(objects.get(i).getKey()).append(" (")
                    .append(objects.get(i).getValue()).append(")\n");
        }
        if (objects.size() > 3) {
            out.append("#\t... and ").append(objects.size() - 3).append(" other objects\n");
        }
        if (g.key.frames().isEmpty()) {
            out.append("#\t(no Java frames)\n");
        }
        for (String frame : g.key.frames()) {
            out.append("#\t").append(frame).append('\n');
        }
        out.append('\n');
    }

    private static void appendThread(StringBuilder out, ThreadSnapshot t, Duration observedWait,
            List<String> blocking) {
        out.append("thread ").append(t.id()).append(" \"").append(t.name()).append("\" [").append(t.state());
        if (t.inNative()) {
            out.append(", in native");
        }
        if (observedWait != null) {
            out.append(", for at least ").append(GoDuration.format(observedWait.truncatedTo(ChronoUnit.MILLIS)));
        }
        out.append(']');
        if (t.virtual()) {
            out.append(" virtual");
        } else if (t.daemon()) {
            out.append(" daemon");
        }
        out.append('\n');
        ThreadSnapshot.LockWait w = t.waitingOn();
        if (w != null) {
            out.append(WaitKind.of(t.state(), w).isLockAcquisition() ? "\twaiting to lock " : "\twaiting on ")
                    .append(w.lock());
            if (w.hasOwner()) {
                out.append(" owned by \"").append(w.ownerName()).append("\" (thread ").append(w.ownerId()).append(')');
            }
            out.append('\n');
        }
        ThreadSnapshot.ContentionCounts c = t.counts();
        if (c.blockedCount() >= 0) {
            out.append("\tblocked ").append(c.blockedCount()).append(" times");
            if (c.blockedTimeMs() >= 0) {
                out.append(", ").append(c.blockedTimeMs()).append(" ms in total");
            }
            out.append("; waited ").append(c.waitedCount()).append(" times");
            if (c.waitedTimeMs() >= 0) {
                out.append(", ").append(c.waitedTimeMs()).append(" ms in total");
            }
            out.append('\n');
        }
        List<String> frames = t.frames();
        for (int depth = 0; depth < frames.size(); depth++) {
            out.append("\tat ").append(frames.get(depth)).append('\n');
            for (ThreadSnapshot.HeldMonitor m : t.lockedMonitors()) {
                if (m.depth() == depth) {
                    out.append("\t- locked ").append(m.lock()).append('\n');
                }
            }
        }
        if (frames.isEmpty()) {
            out.append("\t(no Java frames)\n");
        }
        if (!t.lockedSynchronizers().isEmpty()) {
            out.append("\tholds ").append(String.join(", ", t.lockedSynchronizers())).append('\n');
        }
        if (!blocking.isEmpty()) {
            out.append("\tblocks ").append(blocking.size()).append(blocking.size() == 1 ? " thread: " : " threads: ");
            appendQuoted(out, blocking.subList(0, Math.min(2 * NAMES_PER_GROUP, blocking.size())));
            if (blocking.size() > 2 * NAMES_PER_GROUP) {
                out.append(" and ").append(blocking.size() - 2 * NAMES_PER_GROUP).append(" more");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private static void appendNames(StringBuilder out, List<ThreadSnapshot> threads) {
        List<String> names = new ArrayList<>(Math.min(NAMES_PER_GROUP, threads.size()));
        for (int i = 0; i < Math.min(NAMES_PER_GROUP, threads.size()); i++) {
            names.add(threads.get(i).name());
        }
        appendQuoted(out, names);
        if (threads.size() > NAMES_PER_GROUP) {
            out.append(" and ").append(threads.size() - NAMES_PER_GROUP).append(" more");
        }
    }

    private static void appendQuoted(StringBuilder out, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append('"').append(names.get(i)).append('"');
        }
    }

    private record GroupKey(Thread.State state, boolean inNative, boolean virtual, List<String> frames) {
    }

    private static final class Group {
        final GroupKey key;
        final List<ThreadSnapshot> threads = new ArrayList<>();

        Group(GroupKey key) {
            this.key = key;
        }
    }
}
