package io.tidemark.server.memory;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Run in a JVM of its own by {@link OldGenerationGovernorTest}: allocates what a cache under ingest does (blocks that
 * live across a few young collections, so that they are promoted, and then die), with or without a governor, and
 * prints the most the old generation held after a young collection and the governor's requests; or, with "probe",
 * whether a governor installs under the collector it was started with.
 */
public final class PromotingAllocator {
    private PromotingAllocator() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("probe")) {
            System.out.println("installed=" + OldGenerationGovernor.installIfSerial(1 << 20).isPresent());
            return;
        }
        boolean governed = args[0].equals("governed");
        AtomicLong maxOldAfterYoung = new AtomicLong();
        for (GarbageCollectorMXBean c : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) c).addNotificationListener((n, h) -> {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                MemoryUsage old = info.getGcInfo().getMemoryUsageAfterGc().get("Tenured Gen");
                if (old != null && info.getGcName().equals("Copy")) {
                    maxOldAfterYoung.accumulateAndGet(old.getUsed(), Math::max);
                }
            }, null, null);
        }
        OldGenerationGovernor governor = governed
                ? OldGenerationGovernor.installIfSerial().orElseThrow()
                : null;
        // 8 MB live at any time in 64 KB blocks, each replaced after 128 others: 800 MB allocated in all.
        byte[][] ring = new byte[128][];
        long sink = 0;
        for (int i = 0; i < 12_800; i++) {
            byte[] block = new byte[64 << 10];
            block[i % block.length] = (byte) i;
            ring[i % ring.length] = block;
            for (int j = 0; j < 64; j++) {
                sink += new byte[1024].length; // short-lived garbage that makes young collections happen
            }
            if (i % 16 == 0) {
                // A server's pace rather than a loop's: collection notifications keep up, as they do in a server.
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
        }
        Thread.sleep(500); // collection notifications are delivered asynchronously
        System.out.println("maxOldAfterYoung=" + maxOldAfterYoung.get() + " requests="
                + (governor == null ? 0 : governor.requests()) + " sink=" + sink);
    }
}
