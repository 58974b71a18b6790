package org.migrationconsole.logging;

import java.nio.file.Path;

/**
 * Where the console's log is: {@code ~/.migration-console/logs/migration-console.log} (or the
 * folder {@code -Dmigrationconsole.log.dir=DIR}). It rotates at 1 MiB, keeping five old files
 * ({@code migration-console.1.log} ... {@code .5.log}). Every "see the log" message names it.
 */
public final class LogFile {

    /** System property: the folder of the log files. */
    public static final String DIR_PROPERTY = "migrationconsole.log.dir";
    /** System property: the lowest level written (error, warn, info, debug, trace; default info). */
    public static final String LEVEL_PROPERTY = "migrationconsole.log.level";
    public static final String NAME = "migration-console.log";

    private LogFile() {
    }

    /** The folder of the log files. */
    public static Path folder() {
        String dir = System.getProperty(DIR_PROPERTY);
        return dir != null && !dir.isBlank() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".migration-console", "logs");
    }

    /** The current log file. */
    public static Path path() {
        return folder().resolve(NAME);
    }
}
