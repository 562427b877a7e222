package io.tidemark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tidemark aot-training}, as {@code ./tidemark build} runs it: the training succeeds (every request of its
 * workload answered without an error), leaves nothing behind, and the JVM makes a cache that a later JVM with the same
 * options accepts ({@code -XX:AOTMode=on} fails the start otherwise).
 */
class AotTrainingIT {
    @TempDir
    Path dir;

    @Test
    void trainingMakesACacheThatTheNextStartUses() throws Exception {
        Path cache = dir.resolve("tidemark.aot");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Process training = run(dir.resolve("training.log"), "-Djava.io.tmpdir=" + tmp,
                "-XX:AOTCacheOutput=" + cache, "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining",
                "aot-training");
        assertThat(training.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(training.exitValue()).as(Files.readString(dir.resolve("training.log"))).isZero();
        assertThat(cache).isNotEmptyFile();
        try (var left = Files.list(tmp)) {
            assertThat(left.toList()).isEmpty();
        }

        Process version = run(dir.resolve("version.log"), "-Djava.io.tmpdir=" + tmp, "-XX:AOTCache=" + cache,
                "-XX:AOTMode=on", "version");
        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(version.exitValue()).as(Files.readString(dir.resolve("version.log"))).isZero();
        assertThat(Files.readString(dir.resolve("version.log"))).contains("Tidemark");
    }

    private static Process run(Path log, String... args) throws IOException {
        String jar = System.getProperty("tidemark.jar", "../cli/target/tidemark.jar");
        Path java = Path.of(System.getProperty("java.home.for.server", System.getProperty("java.home")), "bin",
                "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC"));
        for (int i = 0; i < args.length - 1; i++) {
            cmd.add(args[i]);
        }
        cmd.addAll(List.of("-jar", jar, args[args.length - 1]));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
