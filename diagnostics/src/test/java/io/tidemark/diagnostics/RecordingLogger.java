package io.tidemark.diagnostics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that keeps every message (and passes it on to the test output). Thread-safe. */
public final class RecordingLogger extends LegacyAbstractLogger {
    /** One logged message, formatted. */
    public record Entry(Level level, String message) {
    }

    private final transient Logger delegate;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    public RecordingLogger(String name) {
        this.name = name;
        this.delegate = LoggerFactory.getLogger(name);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public long count(Level level, String containing) {
        return entries.stream().filter(e -> e.level() == level && e.message().contains(containing)).count();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
            Throwable t) {
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        entries.add(new Entry(level, message));
        delegate.atLevel(level).setCause(t).log(message);
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }
}
