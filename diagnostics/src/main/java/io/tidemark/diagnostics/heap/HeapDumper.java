package io.tidemark.diagnostics.heap;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes full heap dumps ({@code .hprof}, readable by Eclipse MAT, VisualVM, JDK Mission Control) into one
 * directory, one at a time. A dump pauses the node while it is written and takes about as much disk as the
 * heap uses, so a dump is refused when the directory's file system has less free space than that. Dumps are
 * never deleted here: whoever asked for one removes it. Thread-safe.
 */
public final class HeapDumper {
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final HotSpotDiagnosticMXBean hotSpot;
    private final MemoryMXBean memory;
    private final Path dir;
    private final InstantSource clock;
    private final AtomicBoolean dumping = new AtomicBoolean();

    public HeapDumper(HotSpotDiagnosticMXBean hotSpot, MemoryMXBean memory, Path dir, InstantSource clock) {
        this.hotSpot = hotSpot;
        this.memory = memory;
        this.dir = dir.toAbsolutePath();
        this.clock = clock;
    }

    public static HeapDumper ofThisJvm(Path dir, InstantSource clock) {
        return new HeapDumper(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class),
                ManagementFactory.getMemoryMXBean(), dir, clock);
    }

    /**
     * Dumps the heap to a new file {@code heap-<UTC time>.hprof} in the directory, blocking until written.
     *
     * @param liveOnly dump only reachable objects (runs a full GC first)
     * @return the file, or empty when another dump is being written
     * @throws IOException when the directory cannot be created, has too little free space, or the JVM fails
     */
    public Optional<Path> tryDump(boolean liveOnly) throws IOException {
        if (!dumping.compareAndSet(false, true)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(dir);
            long needed = memory.getHeapMemoryUsage().getUsed();
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < needed) {
                throw new IOException("cannot dump heap to " + dir + ": " + free + " bytes free, the heap uses "
                        + needed + " bytes");
            }
            Path file = newFile();
            hotSpot.dumpHeap(file.toString(), liveOnly);
            return Optional.of(file);
        } finally {
            dumping.set(false);
        }
    }

    private Path newFile() {
        String stem = "heap-" + FILE_TIME.format(clock.instant());
        Path file = dir.resolve(stem + ".hprof");
        for (int i = 1; Files.exists(file); i++) {
            file = dir.resolve(stem + "-" + i + ".hprof");
        }
        return file;
    }
}
