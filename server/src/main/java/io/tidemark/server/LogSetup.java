package io.tidemark.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The server's default logging, set up in code: logs go to standard error, as influxd's do, in its key=value shape;
 * the level comes from {@code [logging] level} ({@link LogLevels}). Found by Logback through the
 * {@code Configurator} service. In code rather than a {@code logback.xml} because reading XML (the parser's
 * classes) cost about a fifth of an empty server's start. A configuration file given with
 * {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} of a test class path, takes precedence.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN =
            "ts=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} lvl=%level thread=%thread log=%logger{0} msg=\"%msg\"%n%ex";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        context.getLogger("io.netty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
