package io.tidemark.diagnostics.threads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FramesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "java.base/java.lang.VirtualThread.park(VirtualThread.java:742)|java.lang.VirtualThread.park(VirtualThread.java:742)",
        "java.base@25.0.3/java.lang.Thread.run(Thread.java:1474)|java.lang.Thread.run(Thread.java:1474)",
        "app//io.tidemark.Foo.bar(Foo.java:10)|io.tidemark.Foo.bar(Foo.java:10)",
        "io.tidemark.Foo.bar(Foo.java:10)|io.tidemark.Foo.bar(Foo.java:10)",
        "app//io.tidemark.Foo$$Lambda/0x000000007f1ff790.run(Unknown Source)|io.tidemark.Foo$$Lambda/0x000000007f1ff790.run(Unknown Source)",
        "io.tidemark.Hidden/0x0000000001.run(Unknown Source)|io.tidemark.Hidden/0x0000000001.run(Unknown Source)",
        "jdk.internal.misc.Unsafe.park(Native Method)|jdk.internal.misc.Unsafe.park(Native Method)",
    })
    void dropsLoaderAndModulePrefixes(String jdkForm, String expected) {
        assertThat(Frames.normalize(jdkForm)).isEqualTo(expected);
    }
}
