package io.tidemark.diagnostics.heap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapDumperTest {
    @TempDir
    Path dir;

    @Test
    void writesAnHprofFileNamedAfterTheTimeAndNeverOverwrites() throws Exception {
        InstantSource clock = InstantSource.fixed(Instant.parse("2024-03-04T05:06:07Z"));
        HeapDumper dumper = HeapDumper.ofThisJvm(dir.resolve("dumps"), clock);

        Path first = dumper.tryDump(true).orElseThrow();
        Path second = dumper.tryDump(false).orElseThrow();

        assertThat(first).isEqualTo(dir.resolve("dumps/heap-20240304T050607Z.hprof").toAbsolutePath());
        assertThat(second).isEqualTo(dir.resolve("dumps/heap-20240304T050607Z-1.hprof").toAbsolutePath());
        for (Path p : new Path[] {first, second}) {
            try (InputStream in = Files.newInputStream(p)) {
                assertThat(new String(in.readNBytes(18), StandardCharsets.US_ASCII)).isEqualTo("JAVA PROFILE 1.0.2");
            }
        }
    }
}
