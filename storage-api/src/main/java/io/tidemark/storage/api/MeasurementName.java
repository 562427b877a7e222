package io.tidemark.storage.api;

/**
 * Conversions between a measurement name and its escaped form in a series key: line protocol escapes commas and
 * spaces in measurement names with a backslash. Stateless.
 */
public final class MeasurementName {
    private MeasurementName() {
    }

    public static String escape(String name) {
        if (name.indexOf(',') < 0 && name.indexOf(' ') < 0) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ',' || c == ' ') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    public static String unescape(String escaped) {
        if (escaped.indexOf('\\') < 0) {
            return escaped;
        }
        StringBuilder sb = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                char next = escaped.charAt(i + 1);
                if (next == ',' || next == ' ') {
                    sb.append(next);
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
