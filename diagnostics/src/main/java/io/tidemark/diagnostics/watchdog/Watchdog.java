package io.tidemark.diagnostics.watchdog;

import io.tidemark.common.GoDuration;
import io.tidemark.common.metrics.MetricGroup;
import io.tidemark.common.metrics.MetricRegistry;
import io.tidemark.diagnostics.threads.ThreadDump;
import io.tidemark.diagnostics.threads.ThreadDumpFormatter;
import io.tidemark.diagnostics.threads.ThreadSnapshot;
import io.tidemark.diagnostics.threads.WaitKind;
import java.io.IOException;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the JVM's threads for the faults that stop a node without crashing it, and reports them in the
 * log, in the node's statistics (group {@code watchdog}) and as the node's {@link HealthStatus}. Each
 * interval, on its one daemon thread, it looks for:
 *
 * <ul>
 *   <li>deadlocks the JVM can prove (cycles over monitors and ownable locks);
 *   <li>threads waiting, without progress, longer than the threshold to acquire the same lock, named with
 *       the lock's owner and what that owner is doing (waiting for another lock, in a registered call). This
 *       also catches what the JVM cannot prove: a thread asking again for a read lock of a
 *       {@code StampedLock} it holds while a writer waits, as in the seed incident, leaves the reader and the
 *       writer waiting on the same lock forever;
 *   <li>calls registered in {@link InFlightCalls} (to other nodes, a WAL fsync) in flight longer than the threshold;
 *   <li>growth of the live thread count beyond the threshold within the window.
 * </ul>
 *
 * <p>A condition that persists is one finding: logged once, with the stacks of the threads involved, when
 * first seen, counted once, and logged again when it clears; the health returns to pass when no finding is
 * left. Only platform threads are watched (the JVM keeps no lock or contention data for virtual threads).
 * The deadlock search is JVM-wide, so several nodes in one JVM each report the same fault.
 *
 * <p>Thread-safe. The samples and their bookkeeping are confined to the watchdog thread; what it publishes
 * (findings, health, observed waits) are immutable snapshots in volatile fields.
 */
public final class Watchdog implements AutoCloseable {
    private static final int MAX_NAMES = 100;
    private static final int MAX_NAMES_IN_SUMMARY = 10;
    private static final int MAX_STACKS_PER_FINDING = 20;
    private static final int MAX_OWNER_CHAIN = 5;
    private static final int GROWTH_GROUPS_LOGGED = 5;
    private static final int MAX_STACKS_FOR_SUSPECTS = 1000;

    private final WatchdogConfig config;
    private final ThreadDump threadDump;
    private final InFlightCalls calls;
    private final InstantSource clock;
    private final Logger log;
    private final LockWaitTracker lockWaits = new LockWaitTracker();
    private final ThreadGrowthTracker growth;
    private final AtomicReference<ScheduledExecutorService> executor = new AtomicReference<>();

    private final LongAdder checks;
    private final LongAdder checkFailures;
    private final Map<WatchdogFinding.Kind, LongAdder> found = new EnumMap<>(WatchdogFinding.Kind.class);

    // Published by the watchdog thread after each sample; immutable.
    private volatile List<WatchdogFinding> findings = List.of();
    private volatile Map<Long, Instant> waitingSince = Map.of();
    private volatile long lastCheckNanos;

    // Confined to the watchdog thread.
    private String lastFailure = "";
    private final Map<String, SuspectsSeen> suspectsByKey = new HashMap<>();

    /**
     * @param registry where the counters go, group {@code watchdog}: {@code checks}, {@code checkFailures},
     *                 {@code deadlocks}, {@code lockWaits}, {@code slowCalls}, {@code threadGrowth} (findings
     *                 seen, each counted once), and gauges {@code activeFindings}, {@code healthy} (1 or 0),
     *                 {@code inFlightCalls}, {@code lastCheckNs}
     */
    public Watchdog(WatchdogConfig config, ThreadDump threadDump, InFlightCalls calls, MetricRegistry registry,
            InstantSource clock, Logger log) {
        this.config = config;
        this.threadDump = threadDump;
        this.calls = calls;
        this.clock = clock;
        this.log = log;
        this.growth = new ThreadGrowthTracker(config.threadGrowthWindow());
        MetricGroup stats = registry.group("watchdog");
        this.checks = stats.counter("checks");
        this.checkFailures = stats.counter("checkFailures");
        found.put(WatchdogFinding.Kind.DEADLOCK, stats.counter("deadlocks"));
        found.put(WatchdogFinding.Kind.LOCK_WAIT, stats.counter("lockWaits"));
        found.put(WatchdogFinding.Kind.SLOW_CALL, stats.counter("slowCalls"));
        found.put(WatchdogFinding.Kind.THREAD_GROWTH, stats.counter("threadGrowth"));
        stats.gauge("activeFindings", () -> (long) findings.size());
        stats.gauge("healthy", () -> findings.isEmpty() ? 1L : 0L);
        stats.gauge("inFlightCalls", () -> (long) calls.size());
        stats.gauge("lastCheckNs", () -> lastCheckNanos);
    }

    public Watchdog(WatchdogConfig config, ThreadDump threadDump, InFlightCalls calls, MetricRegistry registry,
            InstantSource clock) {
        this(config, threadDump, calls, registry, clock, LoggerFactory.getLogger(Watchdog.class));
    }

    /** Starts sampling, the first sample at once. A watchdog starts once. */
    public void start() {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tidemark-watchdog");
            t.setDaemon(true);
            return t;
        });
        if (!executor.compareAndSet(null, ex)) {
            ex.shutdown();
            throw new IllegalStateException("BUG: the watchdog was started twice");
        }
        ex.scheduleWithFixedDelay(this::checkSafely, 0, config.interval().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops sampling, waiting for a sample under way to finish. Findings stay as last published. */
    @Override
    public void close() {
        ScheduledExecutorService ex = executor.get();
        if (ex == null) {
            return;
        }
        ex.shutdownNow();
        try {
            if (!ex.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("watchdog: a sample did not finish within 10s of shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Pass when there is no finding; otherwise fail with the most severe finding. */
    public HealthStatus health() {
        List<WatchdogFinding> current = findings;
        if (current.isEmpty()) {
            return HealthStatus.PASS;
        }
        String reason = current.getFirst().summary();
        if (current.size() > 1) {
            reason += " (and " + (current.size() - 1) + " more finding" + (current.size() > 2 ? "s" : "") + ")";
        }
        return new HealthStatus(false, reason);
    }

    /** The conditions present at the latest sample, most severe first. */
    public List<WatchdogFinding> findings() {
        return findings;
    }

    /**
     * For each platform thread seen waiting to acquire a lock, for how long it has been seen waiting on it
     * without progress (a lower bound of its current wait), by thread id.
     */
    public Map<Long, Duration> observedWaits() {
        Instant now = clock.instant();
        Map<Long, Duration> out = new HashMap<>();
        waitingSince.forEach((id, since) -> out.put(id, Duration.between(since, now)));
        return out;
    }

    /** How many samples have been taken. */
    public long checks() {
        return checks.sum();
    }

    private void checkSafely() {
        try {
            check();
            lastFailure = "";
        } catch (RuntimeException e) {
            checkFailures.increment();
            // One line per distinct failure, so that a persistent one does not flood the log.
            if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
                lastFailure = String.valueOf(e.getMessage());
                log.warn("watchdog: cannot sample the JVM's threads", e);
            }
        }
    }

    /** Takes one sample and publishes what it finds. Runs on the watchdog thread only. */
    void check() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        long[] deadlocked = threadDump.findDeadlockedThreads();
        List<ThreadInfo> sample = threadDump.sampleStates();
        Map<Long, ThreadInfo> byId = new HashMap<>();
        for (ThreadInfo t : sample) {
            byId.put(t.getThreadId(), t);
        }
        Map<Long, List<InFlightCall>> callsByThread = new HashMap<>();
        List<InFlightCall> inFlight = calls.snapshot();
        for (InFlightCall c : inFlight) {
            callsByThread.computeIfAbsent(c.threadId(), k -> new ArrayList<>()).add(c);
        }

        Set<Long> deadlockedIds = new HashSet<>();
        List<Candidate> candidates = new ArrayList<>();
        if (deadlocked.length > 0) {
            for (long id : deadlocked) {
                deadlockedIds.add(id);
            }
            candidates.add(deadlock(deadlocked, byId));
        }
        Map<Long, LockWaitTracker.Wait> waits = lockWaits.update(sample, now);
        Map<Long, Instant> since = new HashMap<>();
        waits.forEach((id, w) -> since.put(id, w.since()));
        waitingSince = Map.copyOf(since);
        candidates.addAll(lockWaits(waits, byId, deadlockedIds, callsByThread, now));
        candidates.addAll(slowCalls(inFlight, byId, now));
        ThreadGrowthTracker.Growth g = growth.update(now, sample.size());
        if (g.threads() > config.threadGrowthThreshold()) {
            candidates.add(new Candidate(WatchdogFinding.Kind.THREAD_GROWTH, "thread-growth",
                    "live threads grew by " + g.threads() + " to " + g.live() + " within "
                            + GoDuration.format(Duration.between(g.lowestAt(), now).truncatedTo(ChronoUnit.MILLIS))
                            + " (threshold " + config.threadGrowthThreshold() + " in "
                            + GoDuration.format(config.threadGrowthWindow()) + ")",
                    List.of(), new long[0]));
        }
        publish(candidates, now);
        checks.increment();
        lastCheckNanos = System.nanoTime() - started;
    }

    private Candidate deadlock(long[] ids, Map<Long, ThreadInfo> byId) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        List<String> names = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        StringBuilder key = new StringBuilder("deadlock");
        for (long id : sorted) {
            key.append(' ').append(id);
            ThreadInfo t = byId.get(id);
            if (t == null) {
                continue;
            }
            names.add(t.getThreadName());
            edges.add("\"" + t.getThreadName() + "\" waits for " + t.getLockName() + " held by \""
                    + t.getLockOwnerName() + "\"");
        }
        return new Candidate(WatchdogFinding.Kind.DEADLOCK, key.toString(),
                "deadlock between " + names.size() + " threads: " + String.join("; ", edges), names, sorted);
    }

    private List<Candidate> lockWaits(Map<Long, LockWaitTracker.Wait> waits, Map<Long, ThreadInfo> byId,
            Set<Long> deadlocked, Map<Long, List<InFlightCall>> callsByThread, Instant now) {
        Map<String, List<LockWaitTracker.Wait>> stuckByLock = new TreeMap<>();
        for (LockWaitTracker.Wait w : waits.values()) {
            if (!deadlocked.contains(w.threadId())
                    && Duration.between(w.since(), now).compareTo(config.lockWaitThreshold()) >= 0) {
                stuckByLock.computeIfAbsent(w.lock(), k -> new ArrayList<>()).add(w);
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (Map.Entry<String, List<LockWaitTracker.Wait>> e : stuckByLock.entrySet()) {
            List<LockWaitTracker.Wait> stuck = e.getValue();
            stuck.sort(Comparator.comparingLong(LockWaitTracker.Wait::threadId));
            Duration longest = Duration.ZERO;
            List<String> names = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            long ownerId = -1;
            for (LockWaitTracker.Wait w : stuck) {
                Duration d = Duration.between(w.since(), now);
                longest = d.compareTo(longest) > 0 ? d : longest;
                ThreadInfo t = byId.get(w.threadId());
                if (t != null && names.size() < MAX_NAMES) {
                    names.add(t.getThreadName());
                }
                if (ids.size() < MAX_STACKS_PER_FINDING) {
                    ids.add(w.threadId());
                }
                if (w.ownerId() >= 0) {
                    ownerId = w.ownerId();
                }
            }
            String key = "lock-wait " + e.getKey();
            StringBuilder summary = new StringBuilder();
            summary.append(stuck.size()).append(stuck.size() == 1 ? " thread" : " threads")
                    .append(" waiting over ").append(GoDuration.format(config.lockWaitThreshold()))
                    .append(" (longest ").append(GoDuration.format(longest.truncatedTo(ChronoUnit.MILLIS)))
                    .append(") to lock ").append(e.getKey());
            List<String> waiterNames = List.copyOf(names);
            if (ownerId >= 0) {
                describeOwner(summary, ownerId, byId, deadlocked, callsByThread, now, names, ids, new HashSet<>());
            } else {
                // Stacks are read when the finding appears, and again while no suspect is known and more threads
                // got stuck: in a pile-up the waiters that reveal where the lock is taken may come later.
                SuspectsSeen seen = suspectsByKey.get(key);
                if (seen == null || (seen.suspects().isEmpty() && seen.waiters() != stuck.size())) {
                    seen = new SuspectsSeen(stuck.size(), suspects(stuck));
                    suspectsByKey.put(key, seen);
                }
                List<ReentrySuspects.Suspect> suspects = seen.suspects();
                summary.append(", which has no owner known to the JVM");
                if (suspects.isEmpty()) {
                    summary.append(" (a read lock or StampedLock: a holder may itself be among the waiters, e.g."
                            + " asking again for a read lock it holds while a writer waits)");
                }
                for (ReentrySuspects.Suspect suspect : suspects) {
                    summary.append("; \"").append(suspect.threadName())
                            .append("\" seems to hold it already and to be asking again: it waits inside ")
                            .append(suspect.method()).append(", where other waiters take this lock");
                    if (!ids.contains(suspect.threadId())) {
                        ids.add(suspect.threadId());
                    }
                }
            }
            summary.append(": ");
            appendQuoted(summary, waiterNames, stuck.size());
            out.add(new Candidate(WatchdogFinding.Kind.LOCK_WAIT, key, summary.toString(),
                    names, ids.stream().mapToLong(Long::longValue).toArray()));
        }
        return out;
    }

    /** The waiters that seem to hold the ownerless lock they wait for; from their stacks, taken once per finding. */
    private List<ReentrySuspects.Suspect> suspects(List<LockWaitTracker.Wait> stuck) {
        long[] ids = stuck.stream().limit(MAX_STACKS_FOR_SUSPECTS).mapToLong(LockWaitTracker.Wait::threadId).toArray();
        List<ThreadSnapshot> waiters = new ArrayList<>();
        for (ThreadSnapshot t : threadDump.capture(ids)) {
            // Only threads still waiting on this lock: one may have moved on since the sample.
            if (t.waitingOn() != null && t.waitingOn().lock().equals(stuck.getFirst().lock())) {
                waiters.add(t);
            }
        }
        return List.copyOf(ReentrySuspects.find(waiters));
    }

    /** Appends {@code held by "name" (...)} for the owner and, recursively, for the owner of what it waits on. */
    private void describeOwner(StringBuilder out, long ownerId, Map<Long, ThreadInfo> byId, Set<Long> deadlocked,
            Map<Long, List<InFlightCall>> callsByThread, Instant now, List<String> names, List<Long> ids,
            Set<Long> visited) {
        ThreadInfo owner = byId.get(ownerId);
        if (owner == null) {
            out.append(" held by thread ").append(ownerId).append(" (ended since)");
            return;
        }
        visited.add(ownerId);
        if (!names.contains(owner.getThreadName())) {
            names.add(owner.getThreadName());
        }
        if (!ids.contains(ownerId)) {
            ids.add(ownerId);
        }
        out.append(" held by \"").append(owner.getThreadName()).append("\" (thread ").append(ownerId).append(", ")
                .append(owner.getThreadState());
        if (deadlocked.contains(ownerId)) {
            out.append(", deadlocked");
        }
        for (InFlightCall c : callsByThread.getOrDefault(ownerId, List.of())) {
            out.append(", in call \"").append(c.description()).append("\" for ")
                    .append(GoDuration.format(Duration.between(c.started(), now).truncatedTo(ChronoUnit.MILLIS)));
        }
        if (WaitKind.of(owner.getThreadState(), owner.getLockName()).isLockAcquisition()) {
            out.append(", itself waiting to lock ").append(owner.getLockName());
            long next = owner.getLockOwnerId();
            if (next >= 0 && !visited.contains(next) && visited.size() < MAX_OWNER_CHAIN) {
                describeOwner(out, next, byId, deadlocked, callsByThread, now, names, ids, visited);
            }
        }
        out.append(')');
    }

    private List<Candidate> slowCalls(List<InFlightCall> inFlight, Map<Long, ThreadInfo> byId, Instant now) {
        Map<String, List<InFlightCall>> slowByDescription = new TreeMap<>();
        for (InFlightCall c : inFlight) {
            if (Duration.between(c.started(), now).compareTo(config.remoteCallThreshold()) >= 0) {
                slowByDescription.computeIfAbsent(c.description(), k -> new ArrayList<>()).add(c);
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (Map.Entry<String, List<InFlightCall>> e : slowByDescription.entrySet()) {
            List<InFlightCall> slow = e.getValue();
            InFlightCall oldest = slow.getFirst();
            Map<Long, String> callers = new LinkedHashMap<>();
            for (InFlightCall c : slow) {
                callers.putIfAbsent(c.threadId(), c.threadName());
            }
            StringBuilder summary = new StringBuilder();
            summary.append(slow.size()).append(slow.size() == 1 ? " call \"" : " calls \"")
                    .append(e.getKey()).append("\" in flight over ")
                    .append(GoDuration.format(config.remoteCallThreshold())).append(" (oldest ")
                    .append(GoDuration.format(Duration.between(oldest.started(), now).truncatedTo(ChronoUnit.MILLIS)));
            if (oldest.deadline().isBefore(now)) {
                summary.append(", its deadline passed ").append(GoDuration.format(
                        Duration.between(oldest.deadline(), now).truncatedTo(ChronoUnit.MILLIS))).append(" ago");
            }
            summary.append("), begun by ");
            List<String> names = new ArrayList<>(callers.values());
            appendQuoted(summary, names, names.size());
            long[] ids = callers.keySet().stream().filter(byId::containsKey).limit(MAX_STACKS_PER_FINDING)
                    .mapToLong(Long::longValue).toArray();
            out.add(new Candidate(WatchdogFinding.Kind.SLOW_CALL, "slow-call " + e.getKey(), summary.toString(),
                    names.subList(0, Math.min(MAX_NAMES, names.size())), ids));
        }
        return out;
    }

    /** Replaces the published findings; logs and counts those not seen before, logs those that cleared. */
    private void publish(List<Candidate> candidates, Instant now) {
        Map<String, WatchdogFinding> previous = new HashMap<>();
        for (WatchdogFinding f : findings) {
            previous.put(f.key(), f);
        }
        List<WatchdogFinding> next = new ArrayList<>(candidates.size());
        Set<String> current = new HashSet<>();
        for (Candidate c : candidates) {
            current.add(c.key());
            WatchdogFinding before = previous.get(c.key());
            if (before != null) {
                // Same finding, still open: logged and counted once. When more threads joined it, the stacks are
                // taken again so that the details show every thread involved, not only the first ones.
                String details = before.threadNames().equals(c.names()) ? before.details() : details(c);
                next.add(new WatchdogFinding(c.kind(), c.key(), c.summary(), c.names(), before.since(), details));
                continue;
            }
            String details = details(c);
            next.add(new WatchdogFinding(c.kind(), c.key(), c.summary(), c.names(), now, details));
            found.get(c.kind()).increment();
            log.warn("watchdog: {}; {}\n{}", c.summary(), HealthStatus.HINT, details);
        }
        for (WatchdogFinding f : findings) {
            if (!current.contains(f.key())) {
                log.info("watchdog: cleared after {}: {}",
                        GoDuration.format(Duration.between(f.since(), now).truncatedTo(ChronoUnit.MILLIS)),
                        f.summary());
            }
        }
        next.sort(Comparator.comparing(WatchdogFinding::kind).thenComparing(WatchdogFinding::key));
        suspectsByKey.keySet().retainAll(current);
        findings = List.copyOf(next);
    }

    /** The stacks behind a new finding: of the threads involved, or the largest groups for thread growth. */
    private String details(Candidate c) {
        StringBuilder out = new StringBuilder();
        if (c.kind() == WatchdogFinding.Kind.THREAD_GROWTH) {
            try {
                out.append(ThreadDumpFormatter.grouped(threadDump.capture(ThreadDump.Detail.STACKS, false), false,
                        GROWTH_GROUPS_LOGGED));
            } catch (IOException e) {
                out.append("(cannot capture the threads: ").append(e.getMessage()).append(")\n");
            }
            return out.toString();
        }
        List<ThreadSnapshot> threads = threadDump.capture(c.threadIds());
        ThreadDumpFormatter.appendThreads(out, threads, observedWaits());
        return out.toString();
    }

    private static void appendQuoted(StringBuilder out, List<String> names, int total) {
        int shown = Math.min(MAX_NAMES_IN_SUMMARY, names.size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append('"').append(names.get(i)).append('"');
        }
        if (total > shown) {
            out.append(" and ").append(total - shown).append(" more");
        }
    }

    private record SuspectsSeen(int waiters, List<ReentrySuspects.Suspect> suspects) {
    }

    private record Candidate(WatchdogFinding.Kind kind, String key, String summary, List<String> names,
            long[] threadIds) {
    }
}
