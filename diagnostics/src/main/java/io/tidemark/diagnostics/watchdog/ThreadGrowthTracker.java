package io.tidemark.diagnostics.watchdog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Measures by how much the live thread count grew within a sliding window: the latest count minus the
 * lowest count seen in the window. A count that rose and then held steady for a whole window is no longer
 * growth. Holds at most one sample per watchdog interval of the window.
 *
 * <p>Not thread-safe; confined to the watchdog thread.
 */
final class ThreadGrowthTracker {
    private final Duration window;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    ThreadGrowthTracker(Duration window) {
        this.window = window;
    }

    /** Growth as of this sample. */
    record Growth(int live, int lowest, Instant lowestAt) {
        int threads() {
            return live - lowest;
        }
    }

    Growth update(Instant now, int live) {
        samples.addLast(new Sample(now, live));
        Instant oldest = now.minus(window);
        while (samples.peekFirst().at().isBefore(oldest)) {
            samples.removeFirst();
        }
        Sample lowest = samples.peekFirst();
        for (Sample s : samples) {
            if (s.live() < lowest.live()) {
                lowest = s;
            }
        }
        return new Growth(live, lowest.live(), lowest.at());
    }

    private record Sample(Instant at, int live) {
    }
}
