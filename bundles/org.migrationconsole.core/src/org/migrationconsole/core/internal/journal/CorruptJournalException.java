package org.migrationconsole.core.internal.journal;

import java.io.IOException;
import java.nio.file.Path;

/** A record in the middle of the journal is damaged; the journal is left untouched. */
public final class CorruptJournalException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long recordNumber;

    public CorruptJournalException(Path file, long recordNumber, String problem) {
        super("The journal " + file + " is damaged at record " + recordNumber + " (line " + recordNumber + "): "
                + problem + ". Later records exist, so this is not an interrupted write. The file has not been"
                + " changed; restore it from a backup or move it aside to start a new journal.");
        this.file = file;
        this.recordNumber = recordNumber;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number of the damaged record. */
    public long recordNumber() {
        return recordNumber;
    }
}
