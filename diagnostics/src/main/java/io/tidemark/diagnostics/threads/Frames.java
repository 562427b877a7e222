package io.tidemark.diagnostics.threads;

/**
 * Stack frames as text, {@code class.method(File.java:123)}, like a Go trace line. The JDK's own form adds the
 * class loader and the module with its version ({@code app//}, {@code java.base@25.0.3/}), which is noise
 * when reading thousands of stacks. Stateless.
 */
final class Frames {
    private Frames() {
    }

    static String of(StackTraceElement e) {
        StringBuilder out = new StringBuilder(96);
        out.append(e.getClassName()).append('.').append(e.getMethodName()).append('(');
        if (e.isNativeMethod()) {
            out.append("Native Method");
        } else if (e.getFileName() == null) {
            out.append("Unknown Source");
        } else {
            out.append(e.getFileName());
            if (e.getLineNumber() >= 0) {
                out.append(':').append(e.getLineNumber());
            }
        }
        return out.append(')').toString();
    }

    /**
     * Drops the {@code loader/} and {@code module@version/} prefixes of a frame in the JDK's text form. A
     * segment is a prefix only if it holds no {@code $} and what follows it is not a hidden class's suffix
     * ({@code 0x...}), so that {@code Foo$$Lambda/0x1f.run()} keeps its name.
     */
    static String normalize(String frame) {
        String rest = frame;
        while (true) {
            int paren = rest.indexOf('(');
            int slash = rest.indexOf('/');
            if (slash < 0 || (paren >= 0 && slash > paren)) {
                return rest;
            }
            String segment = rest.substring(0, slash);
            String after = rest.substring(slash + 1);
            if (segment.indexOf('$') >= 0 || after.startsWith("0x")) {
                return rest;
            }
            rest = after;
        }
    }
}
