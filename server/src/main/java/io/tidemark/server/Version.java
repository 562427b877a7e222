package io.tidemark.server;

/** The Tidemark release, as built. */
public final class Version {
    public static final String TIDEMARK = "0.1.0";

    private Version() {
    }

    /** What {@code /ping} reports in {@code X-Influxdb-Version}: the InfluxDB API level, then Tidemark's own. */
    public static String influxCompatible() {
        return NodeSettings.VERSION;
    }
}
