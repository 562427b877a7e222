package io.tidemark.server.memory;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the serial collector's old generation near twice what is live in it. The serial collector promotes into
 * an old generation that it enlarges, up to the heap maximum (by default half the machine's memory), rather than
 * collect it: under a steady ingest, where every cached value lives until its snapshot and so is promoted, the old
 * generation grew by the volume written (436 MB after a four-day load of the benchmark's data, with about 30 MB
 * live, and no full collection) and the process' memory with it. After each young collection this asks for a full
 * collection ({@link System#gc()}) once the old generation holds more than {@link CollectionTarget} allows, as Go's
 * collector would have collected InfluxDB's heap. Other collectors collect their old generation on their own, so it
 * installs only for the serial one. One per process (the collector is), installed by the command that runs a
 * server; the requests run on the JVM's notification thread.
 */
public final class OldGenerationGovernor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OldGenerationGovernor.class);
    /** The serial collector's names for its young and full collections and for its old generation. */
    private static final String YOUNG = "Copy";
    private static final String FULL = "MarkSweepCompact";
    private static final String OLD_POOL = "Tenured Gen";
    /** Below this the old generation is never collected early: full collections of a few MB are not worth it. */
    static final long DEFAULT_FLOOR_BYTES = 64L << 20;

    private final CollectionTarget target;
    private final List<NotificationEmitter> emitters;
    private final NotificationListener listener = this::onCollection;
    private final AtomicLong requests = new AtomicLong();

    private OldGenerationGovernor(CollectionTarget target, List<NotificationEmitter> emitters) {
        this.target = target;
        this.emitters = emitters;
    }

    /** Installs a governor if this JVM runs the serial collector; empty otherwise. */
    public static Optional<OldGenerationGovernor> installIfSerial() {
        return installIfSerial(DEFAULT_FLOOR_BYTES);
    }

    static Optional<OldGenerationGovernor> installIfSerial(long floorBytes) {
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        boolean serial = collectors.stream().anyMatch(c -> c.getName().equals(FULL))
                && collectors.stream().anyMatch(c -> c.getName().equals(YOUNG));
        if (!serial) {
            return Optional.empty();
        }
        List<NotificationEmitter> emitters = collectors.stream()
                .filter(c -> c instanceof NotificationEmitter)
                .map(c -> (NotificationEmitter) c)
                .toList();
        OldGenerationGovernor governor = new OldGenerationGovernor(new CollectionTarget(floorBytes), emitters);
        for (NotificationEmitter e : emitters) {
            e.addNotificationListener(governor.listener, null, null);
        }
        LOG.info("serial collector: a full collection when the old generation passes twice what the last one left,"
                + " and at least {} MB", floorBytes >> 20);
        return Optional.of(governor);
    }

    /** Full collections asked for so far. */
    public long requests() {
        return requests.get();
    }

    private void onCollection(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
        MemoryUsage old = after.get(OLD_POOL);
        if (old == null) {
            return;
        }
        if (FULL.equals(info.getGcName())) {
            target.afterFullCollection(old.getUsed());
        } else if (YOUNG.equals(info.getGcName()) && target.afterYoungCollection(old.getUsed())) {
            requests.incrementAndGet();
            LOG.debug("old generation holds {} bytes, over its target of {}: full collection", old.getUsed(),
                    target.targetBytes());
            System.gc();
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // not added to this one
            }
        }
    }
}
