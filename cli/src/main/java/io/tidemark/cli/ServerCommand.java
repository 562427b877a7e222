package io.tidemark.cli;

import io.tidemark.server.DirectoryInUseException;
import io.tidemark.server.LogLevels;
import io.tidemark.server.TidemarkNode;
import io.tidemark.server.config.ConfigException;
import io.tidemark.server.config.TidemarkConfig;
import io.tidemark.server.memory.OldGenerationGovernor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tidemark server}: runs a node until SIGTERM or SIGINT, then shuts down cleanly (the shutdown hook
 * flushes and fsyncs the storage). SIGKILL loses nothing that was acknowledged: acknowledged writes are in the
 * fsynced WAL.
 */
final class ServerCommand implements Callable<Integer> {
    private final ConfigOption config = new ConfigOption();
    private final CommandSpec spec = Commands.command(this, "server",
                    "Start a node (HTTP on :8086, data under ./data by default).")
            .aliases("run")
            .addOption(config.option());

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        TidemarkConfig effective;
        try {
            effective = config.load();
        } catch (ConfigException e) {
            System.err.println("tidemark: " + e.getMessage());
            return 2;
        }
        LogLevels.apply(effective.string("logging", "level"));
        // Per process, not per node: the collector is the process'.
        OldGenerationGovernor.installIfSerial();
        TidemarkNode node;
        try {
            node = TidemarkNode.start(effective, "node", ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (ConfigException e) {
            System.err.println("tidemark: " + e.getMessage());
            return 2;
        } catch (DirectoryInUseException e) {
            System.err.println("tidemark: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
