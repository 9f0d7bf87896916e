package dcplan.cli;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * While a run is made, the libraries' log lines (Spark, Hadoop, OptaPlanner: log4j) go to the
 * run's log.txt instead of the console: the console shows dcplan's own lines only. Started by
 * the commands that write a run folder; {@link #close} puts the console back. Where log4j is
 * not the logging backend (another SLF4J binding), nothing is captured and nothing changes.
 */
final class LogCapture implements AutoCloseable {
    private static final String NAME = "dcplan-run-log";

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final LoggerContext context;
    private final List<Muted> muted = new ArrayList<>();
    private final Appender appender;

    private record Muted(LoggerConfig logger, Appender appender) {
    }

    private LogCapture(LoggerContext context) {
        this.context = context;
        if (context == null) {
            appender = null;
            return;
        }
        appender = new AbstractAppender(NAME, null,
                PatternLayout.newBuilder().withPattern("%d{HH:mm:ss} %-5level %c{1}: %msg%n").build(), true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(getLayout().toSerializable(event).toString());
            }
        };
        appender.start();
        Configuration config = context.getConfiguration();
        List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
        if (!loggers.contains(config.getRootLogger())) {
            loggers.add(config.getRootLogger());
        }
        for (LoggerConfig logger : loggers) {
            for (Map.Entry<String, Appender> a : Map.copyOf(logger.getAppenders()).entrySet()) {
                if (a.getValue() instanceof ConsoleAppender) {
                    logger.removeAppender(a.getKey());
                    muted.add(new Muted(logger, a.getValue()));
                }
            }
        }
        config.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    /** Starts capturing (and muting log4j's console appenders) until {@link #close}. */
    static LogCapture start() {
        try {
            return new LogCapture(LogManager.getContext(false) instanceof LoggerContext ctx ? ctx : null);
        } catch (LinkageError e) {
            return new LogCapture(null); // no log4j-core on the class path: nothing to capture
        }
    }

    /** The captured lines, each ending in a newline; "" when there were none. */
    String text() {
        synchronized (lines) {
            return String.join("", lines);
        }
    }

    @Override
    public void close() {
        if (context == null) {
            return;
        }
        context.getConfiguration().getRootLogger().removeAppender(NAME);
        for (Muted m : muted) {
            m.logger().addAppender(m.appender(), null, null);
        }
        context.updateLoggers();
        appender.stop();
    }
}
