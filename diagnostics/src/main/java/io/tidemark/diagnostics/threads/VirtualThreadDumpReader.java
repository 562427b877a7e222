package io.tidemark.diagnostics.threads;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the virtual threads out of the JDK's JSON thread dump ({@code jcmd Thread.dump_to_file -format=json}
 * format: {@code threadDump.threadContainers[].threads[]}), streaming, so a dump of 100,000 threads is never
 * held as a tree. Platform threads in the file are skipped: {@link ThreadDump} has better data for them.
 * Stateless.
 */
final class VirtualThreadDumpReader {
    private static final JsonFactory JSON = new JsonFactory();

    private VirtualThreadDumpReader() {
    }

    /** The virtual threads in the dump at {@code file}, in the order the JDK wrote them. */
    static List<ThreadSnapshot> read(Path file) throws IOException {
        Map<Long, ThreadSnapshot> out = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(file.toFile())) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && "threads".equals(p.currentName())
                        && p.nextToken() == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        ThreadSnapshot t = readThread(p);
                        if (t != null) {
                            out.putIfAbsent(t.id(), t);
                        }
                    }
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Reads one thread object; the parser is on its START_OBJECT and is left on its END_OBJECT. */
    private static ThreadSnapshot readThread(JsonParser p) throws IOException {
        long id = -1;
        boolean virtual = false;
        String name = "";
        Thread.State state = Thread.State.RUNNABLE;
        String parkBlocker = null;
        String monitor = null;
        List<String> frames = new ArrayList<>();
        List<ThreadSnapshot.HeldMonitor> monitors = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "tid" -> id = Long.parseLong(p.getValueAsString());
                case "virtual" -> virtual = value == JsonToken.VALUE_TRUE;
                case "name" -> name = p.getValueAsString();
                case "state" -> state = parseState(p.getValueAsString());
                case "blockedOn", "waitingOn" -> monitor = p.getValueAsString();
                case "parkBlocker" -> parkBlocker = readParkBlocker(p);
                case "stack" -> {
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        frames.add(Frames.normalize(p.getValueAsString()));
                    }
                }
                case "monitorsOwned" -> readMonitorsOwned(p, monitors);
                default -> p.skipChildren();
            }
        }
        if (!virtual || id < 0) {
            return null;
        }
        String waitedOn = monitor != null ? monitor : parkBlocker;
        ThreadSnapshot.LockWait waitingOn = waitedOn == null ? null : new ThreadSnapshot.LockWait(waitedOn, -1, null);
        return new ThreadSnapshot(id, name, true, true, state, false, frames, waitingOn, monitors, List.of(),
                ThreadSnapshot.ContentionCounts.UNKNOWN);
    }

    private static String readParkBlocker(JsonParser p) throws IOException {
        String object = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("object")) {
                object = p.getValueAsString();
            } else {
                p.skipChildren();
            }
        }
        return object;
    }

    private static void readMonitorsOwned(JsonParser p, List<ThreadSnapshot.HeldMonitor> out) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int depth = 0;
            List<String> locks = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "depth" -> depth = p.getValueAsInt();
                    case "locks" -> {
                        JsonToken t;
                        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                            if (t == JsonToken.VALUE_STRING) {
                                locks.add(p.getValueAsString());
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            for (String lock : locks) {
                out.add(new ThreadSnapshot.HeldMonitor(lock, depth));
            }
        }
    }

    private static Thread.State parseState(String text) {
        try {
            return Thread.State.valueOf(text);
        } catch (IllegalArgumentException e) {
            // A newer JDK may add states; a thread that is not known to wait is best shown as running.
            return Thread.State.RUNNABLE;
        }
    }
}
