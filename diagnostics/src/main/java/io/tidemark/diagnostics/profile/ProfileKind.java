package io.tidemark.diagnostics.profile;

/** What a {@link CpuProfiler} recording samples. */
public enum ProfileKind {
    /**
     * Where threads spend CPU: JFR's {@code profile} settings (execution samples every 10-20 ms with stacks,
     * plus lock, GC and I/O events above small thresholds).
     */
    CPU,
    /** Where memory is allocated: JFR's throttled allocation samples with stacks, and GC events. */
    ALLOCATIONS
}
