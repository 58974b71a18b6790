package org.migrationconsole.core.internal.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The journal is damaged (a complete record that fails its checksum, its rules or the hash
 * chain) or is not a journal at all. The file is left untouched.
 */
public final class CorruptJournalException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long recordNumber;

    private CorruptJournalException(Path file, long recordNumber, String message, boolean raw) {
        super(message);
        this.file = file;
        this.recordNumber = recordNumber;
    }

    /**
     * A complete record at {@code line} (1-based; record number {@code line - 1}, the header is
     * record 0) is damaged.
     */
    public CorruptJournalException(Path file, long line, String problem) {
        this(file, line, "The journal " + file + " is damaged at record " + (line - 1) + " (line " + line + "): "
                + problem + ". The record is complete, so this is not an interrupted write. The file has not been"
                + " changed; restore it from a backup or move it aside to start a new journal.", true);
    }

    /** The file is not a Migration Console journal at all. */
    public static CorruptJournalException notAJournal(Path file, String problem) {
        return new CorruptJournalException(file, 1, "The file " + file + " is not a Migration Console journal ("
                + problem + "). It has not been changed or replaced; move it aside or choose another workspace.",
                true);
    }

    public Path file() {
        return file;
    }

    /** Number of the damaged record (the header is record 0, the first entry record 1). */
    public long recordNumber() {
        return recordNumber - 1;
    }

    /** 1-based line number of the damaged record. */
    public long line() {
        return recordNumber;
    }
}
