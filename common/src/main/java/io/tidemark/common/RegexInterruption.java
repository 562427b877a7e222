package io.tidemark.common;

/**
 * Lets a regular expression of a query be stopped. Java's engine backtracks, and some patterns take time exponential
 * in the text (RE2, InfluxDB's engine, never does: {@code (.*a){25}c} on a tag value of 36 characters ran for
 * minutes, immune to KILL QUERY and query-timeout). The texts a query's patterns are tried on are read through
 * {@link #interruptible} (or count their reads with {@link #counted}), which every 4,096 characters read checks
 * whether the thread was interrupted, as a killed or timed-out query's thread is, and then throws
 * {@link MatchInterruptedException}. Stateless.
 */
public final class RegexInterruption {
    private static final int CHECK_MASK = 4095;

    private RegexInterruption() {
    }

    /** Thrown out of a match when its thread was interrupted. */
    public static final class MatchInterruptedException extends RuntimeException {
        public MatchInterruptedException() {
            super("query interrupted", null, false, false);
        }
    }

    /**
     * Counts one character read by a matcher; returns the new count.
     *
     * @throws MatchInterruptedException on every 4,096th read while the thread is interrupted
     */
    public static int counted(int reads) {
        int n = reads + 1;
        if ((n & CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
            throw new MatchInterruptedException();
        }
        return n;
    }

    /** {@code s} for a matcher, read with {@link #counted}. */
    public static CharSequence interruptible(String s) {
        return new Chars(s);
    }

    private static final class Chars implements CharSequence {
        private final String s;
        private int reads;

        Chars(String s) {
            this.s = s;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            reads = counted(reads);
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
