package org.migrationconsole.core.internal.journal;

import java.time.Instant;

import org.migrationconsole.api.state.JournalEntry;

/**
 * One journal record as stored. Flat: every field is a string except {@code seq}.
 *
 * @param seq 1-based position (0 is the header)
 * @param at when (UTC)
 * @param who OS user
 * @param type record type (see {@link JournalEntry})
 * @param task task id, or step id for input records
 * @param from previous state id (transitions)
 * @param to new state id (transitions)
 * @param note free text
 * @param key input id (input records)
 * @param value input value (input records)
 */
public record JournalRecord(long seq, Instant at, String who, String type, String task, String from, String to,
        String note, String key, String value) {

    public static final String HEADER = "header";
    public static final String FORMAT = "migrationconsole-journal/1";

    public static JournalRecord transition(String who, String task, String from, String to, String note) {
        return new JournalRecord(0, null, who, JournalEntry.TRANSITION, task, from, to, note, null, null);
    }

    public static JournalRecord note(String who, String task, String note) {
        return new JournalRecord(0, null, who, JournalEntry.NOTE, task, null, null, note, null, null);
    }

    public static JournalRecord input(String who, String step, String key, String value) {
        return new JournalRecord(0, null, who, JournalEntry.INPUT, step, null, null, null, key, value);
    }

    /** The same record with the sequence number and time the journal assigns. */
    public JournalRecord stamped(long newSeq, Instant when) {
        return new JournalRecord(newSeq, when, who, type, task, from, to, note, key, value);
    }

    /** The public view of this record. */
    public JournalEntry toEntry() {
        String text = note;
        if (JournalEntry.INPUT.equals(type)) {
            text = key + " = " + (value == null ? "" : value);
        }
        return new JournalEntry(seq, at, who, type, task, from, to, text);
    }
}
