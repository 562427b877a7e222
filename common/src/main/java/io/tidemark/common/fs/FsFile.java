package io.tidemark.common.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** An open file. Not thread-safe: one owner at a time (the WAL's writer thread, a reader). */
public interface FsFile extends Closeable {

    /** Writes all remaining bytes of {@code src} at the end of the file. */
    void write(ByteBuffer src) throws IOException;

    /** Reads into {@code dst} from {@code position}; returns the bytes read, -1 at end of file. */
    int read(ByteBuffer dst, long position) throws IOException;

    /** fsync: the bytes written so far survive a crash once this returns. */
    void force() throws IOException;

    long size() throws IOException;

    void truncate(long size) throws IOException;

    @Override
    void close() throws IOException;
}
