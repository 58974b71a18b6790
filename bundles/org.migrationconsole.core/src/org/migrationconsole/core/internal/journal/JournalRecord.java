package org.migrationconsole.core.internal.journal;

import java.time.Instant;
import java.util.regex.Pattern;

import org.migrationconsole.api.state.JournalEntry;
import org.migrationconsole.api.state.TaskState;

/**
 * One journal record as stored. Flat: every field is a string except {@code seq}.
 *
 * @param seq 1-based position (0 is the header)
 * @param at when (UTC)
 * @param who OS user
 * @param type record type (see {@link JournalEntry})
 * @param task task id, or step id for input records, or the subject of events and file records
 * @param from previous state id (transitions), previous path (path records)
 * @param to new state id (transitions), new path (path records)
 * @param note free text
 * @param key input id (input records), the absolute path (file records)
 * @param value input value (input records), the SHA-256 of the content (file records)
 * @param prev SHA-256 of the previous line (the hash chain), or null in records written before
 *            the chain
 */
public record JournalRecord(long seq, Instant at, String who, String type, String task, String from, String to,
        String note, String key, String value, String prev) {

    public static final String HEADER = "header";
    /** Journals written before the hash chain. */
    public static final String FORMAT_1 = "migrationconsole-journal/1";
    /** Every record after the header carries the hash of the line before it. */
    public static final String FORMAT = "migrationconsole-journal/2";
    /** Written once into a format-1 journal: the hash chain starts with this record. */
    public static final String CHAIN = "chain";
    /** A file the console wrote: key = absolute path, value = SHA-256 of its content. */
    public static final String FILE = "file";
    /** When a migration clock really started, read from a server: key = clock id, value = ISO instant. */
    public static final String CLOCK = "clock";
    /** Key of a backdated transition (a completion done before it was recorded): value = ISO instant. */
    public static final String BACKDATED = "at";

    /** Times outside this range are refused as absurd. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public JournalRecord(long seq, Instant at, String who, String type, String task, String from, String to,
            String note, String key, String value) {
        this(seq, at, who, type, task, from, to, note, key, value, null);
    }

    public static JournalRecord transition(String who, String task, String from, String to, String note) {
        return new JournalRecord(0, null, who, JournalEntry.TRANSITION, task, from, to, note, null, null);
    }

    public static JournalRecord note(String who, String task, String note) {
        return new JournalRecord(0, null, who, JournalEntry.NOTE, task, null, null, note, null, null);
    }

    public static JournalRecord input(String who, String step, String key, String value) {
        return new JournalRecord(0, null, who, JournalEntry.INPUT, step, null, null, null, key, value);
    }

    /** A file the console wrote (path absolute, hash lower-case hex SHA-256). */
    public static JournalRecord file(String who, String subject, String path, String sha256, String what) {
        return new JournalRecord(0, null, who, FILE, subject, null, null, what, path, sha256);
    }

    /** The same record with the sequence number and time the journal assigns. */
    public JournalRecord stamped(long newSeq, Instant when) {
        return new JournalRecord(newSeq, when, who, type, task, from, to, note, key, value, prev);
    }

    /** The same record chained to the line before it. */
    public JournalRecord chained(String previousLineHash) {
        return new JournalRecord(seq, at, who, type, task, from, to, note, key, value, previousLineHash);
    }

    /**
     * What is wrong with this (non-header) record by the rules of its type, or null: every
     * record has a time between 2000 and 9999 and a user; each type has its required fields.
     */
    public String problem() {
        if (at == null) {
            return "field 'at' (the time) is missing";
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            return "field 'at' is " + at + ", outside the years 2000 to 9999";
        }
        if (blank(who)) {
            return "field 'who' (the user) is missing";
        }
        if (prev != null && !SHA256.matcher(prev).matches()) {
            return "field 'prev' is not a SHA-256 in hex";
        }
        if (type == null) {
            return "field 'type' is missing";
        }
        switch (type) {
            case JournalEntry.TRANSITION -> {
                if (blank(task) || !ID.matcher(task).matches()) {
                    return blank(task) ? "a transition without field 'task'" : "field 'task' '" + task
                            + "' is not a task id";
                }
                String f = state("from", from);
                if (f != null) {
                    return f;
                }
                String t = state("to", to);
                if (t != null || key == null) {
                    return t;
                }
                if (!BACKDATED.equals(key)) {
                    return "a transition with field 'key' '" + key + "' (only '" + BACKDATED
                            + "', a backdated completion, is recorded)";
                }
                if (!TaskState.COMPLETED.id().equals(to)) {
                    return "a backdated transition (field 'key' 'at') goes to '" + to
                            + "'; only completions are backdated";
                }
                return time("a backdated transition's field 'value'", value);
            }
            case CLOCK -> {
                if (blank(key)) {
                    return "a clock record without field 'key' (the clock id)";
                }
                try {
                    org.migrationconsole.api.step.MigrationClock.byId(key);
                } catch (IllegalArgumentException e) {
                    return "a clock record's field 'key' is '" + key + "', not a clock id";
                }
                return time("a clock record's field 'value'", value);
            }
            case JournalEntry.NOTE -> {
                if (blank(task)) {
                    return "a note without field 'task'";
                }
                return blank(note) ? "a note without field 'note'" : null;
            }
            case JournalEntry.INPUT -> {
                if (blank(task) || !ID.matcher(task).matches()) {
                    return "an input without a valid field 'task' (the step id)";
                }
                return blank(key) ? "an input without field 'key'" : null;
            }
            case JournalEntry.EVENT -> {
                if (blank(task)) {
                    return "an event without field 'task' (its subject)";
                }
                return blank(note) ? "an event without field 'note'" : null;
            }
            case JournalEntry.PATH -> {
                if (!"a".equals(from) || !"b".equals(to)) {
                    if (!"b".equals(from) || !"a".equals(to)) {
                        return "a path record must go from 'a' to 'b' or from 'b' to 'a', not from '" + from
                                + "' to '" + to + "'";
                    }
                }
                return null;
            }
            case FILE -> {
                if (blank(key) || !key.startsWith("/")) {
                    return "a file record without an absolute path in field 'key'";
                }
                return value == null || !SHA256.matcher(value).matches()
                        ? "a file record without a SHA-256 in field 'value'" : null;
            }
            case CHAIN -> {
                return prev == null ? "a chain record without field 'prev'" : null;
            }
            case HEADER -> {
                return "a second header";
            }
            default -> {
                return "unknown record type '" + type + "'";
            }
        }
    }

    /** What is wrong with an ISO-8601 time kept in a text field, or null. */
    private static String time(String field, String text) {
        if (blank(text)) {
            return field + " (the time) is missing";
        }
        Instant t;
        try {
            t = Instant.parse(text);
        } catch (RuntimeException e) {
            return field + " is '" + text + "', not an ISO-8601 time such as 2026-11-30T09:00:00Z";
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            return field + " is " + t + ", outside the years 2000 to 9999";
        }
        return null;
    }

    private static String state(String field, String id) {
        if (blank(id)) {
            return "a transition without field '" + field + "'";
        }
        try {
            TaskState s = TaskState.byId(id);
            return s == TaskState.BLOCKED ? "field '" + field + "' is 'blocked', which is computed, never recorded"
                    : null;
        } catch (IllegalArgumentException e) {
            return "field '" + field + "' is '" + id + "', not a task state";
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The public view of this record. */
    public JournalEntry toEntry() {
        String text = note;
        if (JournalEntry.INPUT.equals(type)) {
            text = key + " = " + (value == null ? "" : value);
        } else if (FILE.equals(type)) {
            text = (note == null ? "" : note + ": ") + key + " (SHA-256 " + value + ")";
        }
        return new JournalEntry(seq, at, who, type, task, from, to, text);
    }
}
