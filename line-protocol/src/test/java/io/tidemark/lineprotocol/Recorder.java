package io.tidemark.lineprotocol;

import io.tidemark.common.Precision;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link LineSink} that renders every outcome to a string, so tests can compare whole parses. */
final class Recorder implements LineSink {
    final List<String> outcomes = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final List<PointCopy> points = new ArrayList<>();

    static Recorder parse(LineProtocolParser parser, String text, Precision precision, long defaultNanos) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Recorder r = new Recorder();
        parser.parse(b, 0, b.length, precision, defaultNanos, r);
        return r;
    }

    @Override
    public void point(ParsedPoint p) {
        PointCopy copy = PointCopy.of(p);
        points.add(copy);
        outcomes.add(copy.toString());
    }

    @Override
    public void parseError(String message) {
        errors.add(message);
        outcomes.add("ERROR " + message);
    }
}
