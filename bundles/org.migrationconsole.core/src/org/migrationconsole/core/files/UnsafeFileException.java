package org.migrationconsole.core.files;

import java.io.IOException;
import java.nio.file.Path;

/** A file was refused by a safety rule (a link, not a regular file, another user's, too large). */
public final class UnsafeFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String rule;

    /**
     * @param file the refused file
     * @param rule a short rule id: {@code symlink}, {@code not-regular}, {@code other-owner},
     *            {@code too-large}, {@code not-written-by-console}, {@code not-a-directory}
     * @param message the whole sentence, naming the file and the rule
     */
    public UnsafeFileException(Path file, String rule, String message) {
        super(message);
        this.file = file;
        this.rule = rule;
    }

    public Path file() {
        return file;
    }

    public String rule() {
        return rule;
    }
}
