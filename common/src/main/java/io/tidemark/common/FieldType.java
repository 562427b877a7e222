package io.tidemark.common;

/** The type of a field value. A field's type is fixed per measurement within one shard, as in InfluxDB 1.x. */
public enum FieldType {
    FLOAT("float"),
    INTEGER("integer"),
    UNSIGNED("unsigned"),
    STRING("string"),
    BOOLEAN("boolean");

    private static final FieldType[] BY_CODE = values();

    private final String influxName;

    FieldType(String influxName) {
        this.influxName = influxName;
    }

    /** The name InfluxDB uses in error messages and in {@code SHOW FIELD KEYS}. */
    public String influxName() {
        return influxName;
    }

    /** A stable one-byte code for persisted formats; never reorder the constants. */
    public byte code() {
        return (byte) ordinal();
    }

    public static FieldType ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown field type code " + code);
        }
        return BY_CODE[code];
    }
}
