package org.migrationconsole.logging.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import org.migrationconsole.logging.LogFile;
import org.slf4j.event.Level;

/**
 * The log file: appended line by line (UTF-8), readable by its owner only, rotated when it
 * passes {@link #MAX_BYTES} ({@code migration-console.log} becomes {@code .1.log}, the oldest of
 * {@link #KEEP} is dropped). Several processes may append; a rotation is done by the process that
 * sees the size first. A failure to write never fails the caller.
 */
final class RollingFile {

    static final long MAX_BYTES = Long.getLong("migrationconsole.log.maxBytes", 1024 * 1024);
    static final int KEEP = 5;

    private final Path file = LogFile.path();
    private boolean broken;

    synchronized void append(Level level, String logger, String thread, String message, Throwable t) {
        if (broken) {
            return;
        }
        StringBuilder b = new StringBuilder(96 + message.length());
        b.append(Instant.now()).append(' ').append(String.format("%-5s", level)).append(" [").append(thread)
                .append("] ").append(logger).append(" - ").append(message).append('\n');
        if (t != null) {
            StringWriter sw = new StringWriter();
            t.printStackTrace(new PrintWriter(sw));
            b.append(sw.toString().replace("\r\n", "\n"));
        }
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                rotate();
            }
            boolean created = !Files.exists(file);
            Files.writeString(file, b, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (created) {
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
            }
        } catch (IOException | RuntimeException e) {
            broken = true;
            System.err.println("warning: the log " + file + " cannot be written (" + e.getMessage()
                    + "); logging is off for this run");
        }
    }

    private void rotate() throws IOException {
        String base = LogFile.NAME.substring(0, LogFile.NAME.length() - ".log".length());
        Path dir = file.getParent();
        Files.deleteIfExists(dir.resolve(base + "." + KEEP + ".log"));
        for (int i = KEEP - 1; i >= 1; i--) {
            Path from = dir.resolve(base + "." + i + ".log");
            if (Files.exists(from)) {
                Files.move(from, dir.resolve(base + "." + (i + 1) + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try {
            Files.move(file, dir.resolve(base + ".1.log"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.NoSuchFileException e) {
            // another process rotated it first
        }
    }
}
