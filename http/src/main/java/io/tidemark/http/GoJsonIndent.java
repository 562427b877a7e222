package io.tidemark.http;

/**
 * Re-indents compact JSON as Go's {@code json.Indent} (what {@code json.MarshalIndent} and an encoder with
 * {@code SetIndent} do after writing compact text), which InfluxDB uses for {@code pretty=true}: a newline and one
 * indent per level after an opening bracket and after each comma, {@code ": "} between a key and its value, and
 * empty objects and arrays kept as {@code {}} and {@code []}. Strings are copied as they are.
 */
final class GoJsonIndent {
    private GoJsonIndent() {
    }

    static JsonBytes indent(JsonBytes compact, String indent) {
        int length = compact.size();
        JsonBytes out = new JsonBytes(length * 2);
        int depth = 0;
        boolean needIndent = false;   // after an opening bracket, until we know whether it is empty
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < length; i++) {
            char c = (char) (compact.byteAt(i) & 0xff);
            if (inString) {
                out.put(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (needIndent && c != '}' && c != ']') {
                needIndent = false;
                depth++;
                newline(out, indent, depth);
            }
            switch (c) {
                case '{', '[' -> {
                    needIndent = true;
                    out.put(c);
                }
                case ',' -> {
                    out.put(c);
                    newline(out, indent, depth);
                }
                case ':' -> out.put(':').put(' ');
                case '}', ']' -> {
                    if (needIndent) {
                        needIndent = false;
                    } else {
                        depth--;
                        newline(out, indent, depth);
                    }
                    out.put(c);
                }
                case '"' -> {
                    inString = true;
                    out.put(c);
                }
                default -> out.put(c);
            }
        }
        return out;
    }

    private static void newline(JsonBytes out, String indent, int depth) {
        out.put('\n');
        for (int i = 0; i < depth; i++) {
            out.ascii(indent);
        }
    }
}
