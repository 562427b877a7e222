package io.tidemark.diagnostics.watchdog;

import io.tidemark.diagnostics.threads.ThreadSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Guesses which waiters of an ownerless lock (a read lock, a {@code StampedLock}) hold it already. The JVM
 * does not record read holders, but stacks tell: each waiter's acquiring frame is the first frame outside
 * {@code java.util.concurrent} and {@code jdk.internal}; a waiter that, deeper in its stack, is inside a
 * method where waiters acquire this lock most likely took it there and is now asking again, as in the seed
 * incident ({@code conn} takes the read lock and, through {@code dial}, calls {@code size}, which takes it
 * again while a writer waits). Stateless.
 */
final class ReentrySuspects {
    private ReentrySuspects() {
    }

    /** A waiter that seems to hold the lock it waits for, and the method in which it took it. */
    record Suspect(long threadId, String threadName, String method) {
    }

    static List<Suspect> find(List<ThreadSnapshot> waiters) {
        Map<String, Integer> acquiringMethods = new HashMap<>();
        Map<Long, Integer> acquiringDepth = new HashMap<>();
        for (ThreadSnapshot t : waiters) {
            int depth = acquiringFrame(t.frames());
            if (depth >= 0) {
                acquiringDepth.put(t.id(), depth);
                acquiringMethods.merge(method(t.frames().get(depth)), 1, Integer::sum);
            }
        }
        List<Suspect> out = new ArrayList<>();
        for (ThreadSnapshot t : waiters) {
            Integer depth = acquiringDepth.get(t.id());
            if (depth == null) {
                continue;
            }
            for (int i = depth + 1; i < t.frames().size(); i++) {
                String m = method(t.frames().get(i));
                if (acquiringMethods.containsKey(m)) {
                    out.add(new Suspect(t.id(), t.name(), m));
                    break;
                }
            }
        }
        return out;
    }

    private static int acquiringFrame(List<String> frames) {
        for (int i = 0; i < frames.size(); i++) {
            String f = frames.get(i);
            if (!f.startsWith("java.util.concurrent.") && !f.startsWith("jdk.internal.")) {
                return i;
            }
        }
        return -1;
    }

    /** {@code class.method} of a frame {@code class.method(File.java:1)}. */
    private static String method(String frame) {
        int paren = frame.indexOf('(');
        return paren < 0 ? frame : frame.substring(0, paren);
    }
}
