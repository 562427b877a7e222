package io.tidemark.lineprotocol;

import io.tidemark.common.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An immutable copy of a {@link ParsedPoint}, taken during the callback, with a readable rendering. */
record PointCopy(String seriesKey, String measurement, List<String> tags, List<Field> fields, long timestampNanos) {

    /** One field; {@code value} is a Double, Long (integer), String (unsigned as decimal text), Boolean or String. */
    record Field(String name, FieldType type, Object value) {
        @Override
        public String toString() {
            String v = switch (type) {
                case FLOAT -> Double.toString((Double) value);
                case INTEGER -> value + "i";
                case UNSIGNED -> value + "u";
                case STRING -> "\"" + value + "\"";
                case BOOLEAN -> value.toString();
            };
            return name + "=" + v;
        }
    }

    static PointCopy of(ParsedPoint p) {
        String key = new String(p.seriesKey(), 0, p.seriesKeyLength(), StandardCharsets.UTF_8);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < p.tagCount(); i++) {
            tags.add(p.tagKey(i) + "=" + p.tagValue(i));
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < p.fieldCount(); i++) {
            String name = new String(p.fieldNameBytes(i), p.fieldNameOffset(i), p.fieldNameLength(i),
                    StandardCharsets.UTF_8);
            Object value = switch (p.fieldType(i)) {
                case FLOAT -> p.floatValue(i);
                case INTEGER -> p.longValue(i);
                case UNSIGNED -> Long.toUnsignedString(p.longValue(i));
                case STRING -> new String(p.stringBytes(i), p.stringOffset(i), p.stringLength(i),
                        StandardCharsets.UTF_8);
                case BOOLEAN -> p.booleanValue(i);
            };
            fields.add(new Field(name, p.fieldType(i), value));
        }
        return new PointCopy(key, p.measurement(), List.copyOf(tags), List.copyOf(fields), p.timestampNanos());
    }

    @Override
    public String toString() {
        return "key=" + seriesKey + " | m=" + measurement + " | tags=" + tags + " | fields=" + fields + " | t="
                + timestampNanos;
    }
}
