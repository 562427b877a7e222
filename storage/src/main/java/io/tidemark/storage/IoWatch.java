package io.tidemark.storage;

/**
 * Where the store reports blocking file operations that writes wait for (a WAL fsync), so that one that hangs is
 * visible: writes waiting for their fsync hold no thread, so nothing else would show them. The node hands the
 * diagnostics' in-flight calls to {@link Store#watchIo}; the watchdog reports one that outlives its threshold, with
 * the stack of the thread in it.
 */
@FunctionalInterface
public interface IoWatch {
    /** Watches nothing. */
    IoWatch NONE = what -> () -> { };

    /** Marks the start of a blocking operation on the calling thread; closing the handle marks its end. */
    Handle begin(String what);

    /** The end of a watched operation. */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }
}
