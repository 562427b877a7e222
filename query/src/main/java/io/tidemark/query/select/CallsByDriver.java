package io.tidemark.query.select;

import io.tidemark.query.agg.CallSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Groups a statement's calls by the field (driver) they read, for the readers that go field by field. Stateless. */
final class CallsByDriver {
    private CallsByDriver() {
    }

    /**
     * Per driver, the indices of the calls that read it; null if a call is not one of {@code functions}.
     *
     * @param callSlot per call, the index of the driver it reads, or -1 for none (a missing field)
     */
    static int[][] of(List<CallSpec> calls, int[] callSlot, int driverCount, Set<String> functions) {
        List<List<Integer>> byDriver = new ArrayList<>();
        for (int d = 0; d < driverCount; d++) {
            byDriver.add(new ArrayList<>());
        }
        for (int i = 0; i < calls.size(); i++) {
            if (!functions.contains(calls.get(i).function())) {
                return null;
            }
            if (callSlot[i] >= 0) {
                byDriver.get(callSlot[i]).add(i);
            }
        }
        int[][] out = new int[driverCount][];
        for (int d = 0; d < driverCount; d++) {
            out[d] = byDriver.get(d).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }
}
