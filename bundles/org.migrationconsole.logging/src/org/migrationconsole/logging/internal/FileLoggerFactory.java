package org.migrationconsole.logging.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** One {@link FileLogger} per name, all writing to the same file. */
final class FileLoggerFactory implements ILoggerFactory {

    private final RollingFile file;
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    FileLoggerFactory(RollingFile file) {
        this.file = file;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new FileLogger(n, file));
    }
}
