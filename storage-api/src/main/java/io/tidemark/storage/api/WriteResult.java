package io.tidemark.storage.api;

/**
 * The outcome of a write that was performed: {@code accepted} points are durable and visible, {@code dropped}
 * points were rejected individually (a field type conflict), the first of them for {@code firstDropReason}
 * (InfluxDB's text, without the {@code partial write: } prefix and {@code dropped=N} suffix the HTTP layer adds).
 *
 * Immutable.
 *
 * @param firstDropReason null when nothing was dropped
 */
public record WriteResult(int accepted, int dropped, String firstDropReason) {
    public WriteResult {
        if (accepted < 0 || dropped < 0) {
            throw new IllegalArgumentException("negative counts: accepted=" + accepted + " dropped=" + dropped);
        }
        if ((dropped == 0) != (firstDropReason == null)) {
            throw new IllegalArgumentException("a drop reason goes with dropped points: dropped=" + dropped
                    + " reason=" + firstDropReason);
        }
    }

    public static WriteResult allAccepted(int points) {
        return new WriteResult(points, 0, null);
    }
}
