package org.migrationconsole.api.state;

import java.time.Instant;

/**
 * One record of the audit journal.
 *
 * @param seq position in the journal, from 1
 * @param at when it was written (UTC)
 * @param who the OS user
 * @param type {@code transition}, {@code note}, {@code input}, {@code event}, {@code path},
 *            {@code file} (a file the console wrote) or {@code chain} (the hash chain starts)
 * @param taskId the task, or the step for {@code input} records, or null
 * @param from the previous state id for transitions, or null
 * @param to the new state id for transitions, or null
 * @param note free text: the administrator's note, the reset reason, or what an event was
 */
public record JournalEntry(long seq, Instant at, String who, String type, String taskId, String from, String to,
        String note) {

    public static final String TRANSITION = "transition";
    public static final String NOTE = "note";
    public static final String INPUT = "input";
    public static final String EVENT = "event";
    /** The install path was chosen or changed: from/to are path ids, the note is the reason. */
    public static final String PATH = "path";
    /**
     * The console wrote a file: the note names it, its path and the SHA-256 of its content.
     *
     * @since 1.2
     */
    public static final String FILE = "file";
    /**
     * The hash chain starts here (a journal written before the chain, at its first change).
     *
     * @since 1.2
     */
    public static final String CHAIN = "chain";
}
