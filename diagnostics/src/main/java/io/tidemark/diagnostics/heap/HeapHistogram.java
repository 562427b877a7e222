package io.tidemark.diagnostics.heap;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A class histogram of the heap (classes by bytes, with instance counts), from the JVM's
 * {@code GC.class_histogram} diagnostic command: what {@code jmap -histo} prints. Counting live objects
 * runs a full GC first, which pauses the node for as long as a full GC takes; counting all objects does
 * not, but includes garbage. Thread-safe.
 */
public final class HeapHistogram {
    private static final Pattern ROW = Pattern.compile("^\\s*(\\d+):\\s+(\\d+)\\s+(\\d+)\\s+(.+)$");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private final Supplier<MBeanServer> server;
    private final ObjectName diagnosticCommand;

    /** {@code server} is asked for at each capture. */
    public HeapHistogram(Supplier<MBeanServer> server) {
        this.server = server;
        try {
            this.diagnosticCommand = new ObjectName("com.sun.management:type=DiagnosticCommand");
        } catch (JMException e) {
            throw new IllegalStateException("BUG: malformed object name", e);
        }
    }

    /**
     * This JVM's histogram. The platform MBean server is made at the first capture, not here: making it registers
     * every platform MBean, 135 ms of a server's start measured on the restart data of {@code restart-time.sh}.
     */
    public static HeapHistogram ofThisJvm() {
        return new HeapHistogram(ManagementFactory::getPlatformMBeanServer);
    }

    /** One class in the histogram. */
    public record Entry(int rank, long instances, long bytes, String className) {
    }

    /**
     * The largest classes by bytes.
     *
     * @param classes        how many classes the heap holds objects of
     * @param liveOnly       whether only reachable objects were counted (after a full GC)
     */
    public record Histogram(List<Entry> top, int classes, long totalInstances, long totalBytes, boolean liveOnly) {
        public Histogram {
            top = List.copyOf(top);
        }
    }

    /**
     * Counts the heap's objects by class.
     *
     * @param liveOnly run a full GC first and count reachable objects only
     * @param top      how many classes to keep, largest first
     * @throws IOException when this JVM has no diagnostic command MBean or the command fails
     */
    public Histogram capture(boolean liveOnly, int top) throws IOException {
        String[] args = liveOnly ? new String[0] : new String[] {"-all"};
        Object text;
        try {
            text = server.get().invoke(diagnosticCommand, "gcClassHistogram", new Object[] {args},
                    new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IOException("cannot take a class histogram: " + e.getMessage(), e);
        }
        return parse(String.valueOf(text), liveOnly, top);
    }

    /** Parses the diagnostic command's text, keeping the first {@code top} rows (it sorts by bytes). */
    static Histogram parse(String text, boolean liveOnly, int top) {
        List<Entry> entries = new ArrayList<>();
        int classes = 0;
        long totalInstances = 0;
        long totalBytes = 0;
        for (String line : text.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                classes++;
                if (entries.size() < top) {
                    entries.add(new Entry(Integer.parseInt(row.group(1)), Long.parseLong(row.group(2)),
                            Long.parseLong(row.group(3)), row.group(4).strip()));
                }
                continue;
            }
            Matcher total = TOTAL.matcher(line);
            if (total.matches()) {
                totalInstances = Long.parseLong(total.group(1));
                totalBytes = Long.parseLong(total.group(2));
            }
        }
        return new Histogram(entries, classes, totalInstances, totalBytes, liveOnly);
    }

    /** The histogram as the text of {@code /debug/pprof/heap}, under a line on heap usage. */
    public static String format(Histogram h, MemoryUsage heap) {
        StringBuilder out = new StringBuilder(128 + 100 * h.top().size());
        out.append("heap histogram: ")
                .append(h.liveOnly() ? "live objects (a full GC ran first)" : "all objects, garbage included (no GC)")
                .append("; top ").append(h.top().size()).append(" of ").append(h.classes()).append(" classes\n");
        out.append("heap: used ").append(heap.getUsed()).append(" bytes, committed ").append(heap.getCommitted())
                .append(" bytes, max ").append(heap.getMax()).append(" bytes\n");
        out.append("total: ").append(h.totalInstances()).append(" instances, ").append(h.totalBytes())
                .append(" bytes\n\n");
        out.append(String.format("%5s %14s %16s  %s%n", "rank", "instances", "bytes", "class"));
        for (Entry e : h.top()) {
            out.append(String.format("%5d %14d %16d  %s%n", e.rank(), e.instances(), e.bytes(), e.className()));
        }
        return out.toString();
    }
}
