package org.migrationconsole.logging.internal;

import java.util.Locale;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that formats a line and hands it to the rotating file. */
final class FileLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient RollingFile file;
    private final int threshold;

    FileLogger(String name, RollingFile file) {
        this.name = name;
        this.file = file;
        this.threshold = threshold();
    }

    private static int threshold() {
        String l = System.getProperty("migrationconsole.log.level", "info").strip().toUpperCase(Locale.ROOT);
        try {
            return Level.valueOf(l).toInt();
        } catch (IllegalArgumentException e) {
            return Level.INFO.toInt();
        }
    }

    @Override
    public boolean isTraceEnabled() {
        return threshold <= Level.TRACE.toInt();
    }

    @Override
    public boolean isDebugEnabled() {
        return threshold <= Level.DEBUG.toInt();
    }

    @Override
    public boolean isInfoEnabled() {
        return threshold <= Level.INFO.toInt();
    }

    @Override
    public boolean isWarnEnabled() {
        return threshold <= Level.WARN.toInt();
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        Throwable t = throwable;
        Object[] args = arguments;
        if (t == null && args != null && args.length > 0 && args[args.length - 1] instanceof Throwable last) {
            t = last;
        }
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        String shortName = name.substring(name.lastIndexOf('.') + 1);
        file.append(level, shortName, Thread.currentThread().getName(), message, t);
    }
}
