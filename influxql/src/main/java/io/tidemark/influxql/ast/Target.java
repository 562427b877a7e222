package io.tidemark.influxql.ast;

import java.util.Objects;

/**
 * The {@code INTO} clause. An empty measurement name is the {@code :MEASUREMENT} back-reference (write each source
 * measurement to a measurement of the same name).
 */
public record Target(Measurement measurement) {
    public Target {
        Objects.requireNonNull(measurement);
    }

    @Override
    public String toString() {
        return "INTO " + measurement + (measurement.name().isEmpty() ? ":MEASUREMENT" : "");
    }
}
