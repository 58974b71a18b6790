package org.migrationconsole.ui.internal.actions;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.migrationconsole.actions.ChangeRecord;
import org.migrationconsole.actions.ChangeRecord.State;
import org.migrationconsole.api.action.ConflictException;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.state.JournalEntry;

/**
 * What the console offers for an action and a change, and how it words their states. No SWT: the
 * checklist's action buttons and the Changes view ask here.
 */
public final class ChangeStates {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ChangeStates() {
    }

    /** The newest change an action made, if any. */
    public static Optional<ChangeRecord> latest(List<ChangeRecord> changes, String actionId) {
        ChangeRecord last = null;
        for (ChangeRecord r : changes) {
            if (r.actionId().equals(actionId)) {
                last = r;
            }
        }
        return Optional.ofNullable(last);
    }

    /** The actions that do a task, in the engine's order. */
    public static List<MigrationAction> forTask(List<MigrationAction> actions, String taskId) {
        return actions.stream().filter(a -> a.taskId().map(taskId::equals).orElse(false)).toList();
    }

    /** Preview reads the servers and keeps the plan in the workspace: it needs a writable one. */
    public static boolean canPreview(boolean readOnly) {
        return !readOnly;
    }

    /**
     * Apply is offered unless a change of the same action is half-way (resume or undo that first)
     * or the workspace is read-only.
     */
    public static boolean canApply(Optional<ChangeRecord> latest, boolean readOnly) {
        return !readOnly && latest.map(r -> !r.state().needsAttention()).orElse(true);
    }

    /** Undo is offered for every change that is not undone yet (also a half-way one). */
    public static boolean canUndo(ChangeRecord r, boolean readOnly) {
        return !readOnly && r.state() != State.UNDONE;
    }

    /** Resume is offered for an apply that stopped (interrupted or failed). */
    public static boolean canResume(ChangeRecord r, boolean readOnly) {
        return !readOnly && (r.state() == State.INTERRUPTED || r.state() == State.FAILED);
    }

    /** The state as the Changes view's State column shows it. */
    public static String state(ChangeRecord r) {
        return switch (r.state()) {
            case INTERRUPTED -> "interrupted";
            case FAILED -> "stopped";
            case APPLIED -> "applied, verified";
            case VERIFY_FAILED -> "applied, verification failed";
            case UNDO_INTERRUPTED -> "undo interrupted";
            case UNDONE -> "undone";
        };
    }

    /** "3 of 7 applied", "interrupted after 3 of 7 changes", "7 of 7 undone". */
    public static String progress(ChangeRecord r) {
        return switch (r.state()) {
            case INTERRUPTED -> "interrupted after " + r.applied() + " of " + r.total() + " changes";
            case FAILED -> "stopped after " + r.applied() + " of " + r.total() + " changes";
            case UNDO_INTERRUPTED -> "undo interrupted after " + r.undone() + " changes";
            case UNDONE -> r.undone() + " undone";
            default -> r.applied() + " of " + r.total() + " applied";
        };
    }

    /**
     * The State column of the Changes view: where the change stands, with its count ("interrupted
     * after 2 of 5 changes", "applied, verified (5 of 5)", "undone (5 changes)").
     */
    public static String stateLine(ChangeRecord r, boolean running) {
        if (running && r.state() == State.UNDO_INTERRUPTED) {
            return "undoing: " + r.undone() + " undone so far";
        }
        if (running && r.state() == State.INTERRUPTED) {
            return "applying: " + r.applied() + " of " + r.total() + " applied so far";
        }
        return stateLine(r);
    }

    public static String stateLine(ChangeRecord r) {
        return switch (r.state()) {
            case INTERRUPTED, FAILED, UNDO_INTERRUPTED -> progress(r);
            case APPLIED -> "applied, verified (" + r.applied() + " of " + r.total() + ")";
            case VERIFY_FAILED -> "applied, verification failed (" + r.applied() + " of " + r.total() + ")";
            case UNDONE -> "undone (" + r.undone() + (r.undone() == 1 ? " change)" : " changes)");
        };
    }

    /**
     * What the engine read back after the apply (its {@code verified} journal record): "passed" or
     * "FAILED", then the evidence or the problems, one per line.
     */
    public static List<String> verification(List<JournalEntry> journal, String changeId) {
        String prefix = changeId + " verified: ";
        String last = null;
        for (JournalEntry e : journal) {
            if (JournalEntry.EVENT.equals(e.type()) && "change".equals(e.taskId()) && e.note() != null && e.note()
                    .startsWith(prefix)) {
                last = e.note().substring(prefix.length());
            }
        }
        if (last == null) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        for (String part : last.split("; ")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** The engine's command-line wording of a refusal, as the console's buttons say it. */
    public static String inConsoleWords(String message) {
        return message == null ? "" : message.replace("Use --force to restore anyway.",
                "Force undo\u2026 restores anyway.").replace("--force", "Force undo\u2026");
    }

    /** One line for an action's row in the checklist: what its last change did. */
    public static String actionLine(MigrationAction a, Optional<ChangeRecord> latest, boolean running) {
        if (latest.isEmpty()) {
            return running ? "starting\u2026" : "no change made yet";
        }
        ChangeRecord r = latest.get();
        return "Last change: " + stateLine(r, running) + " (" + time(r.startedAt()) + ")"
                + (r.state().needsAttention() && !running ? ". Resume or undo it in the Changes view." : "");
    }

    /** A time in this machine's zone, to the second. */
    public static String time(Instant at) {
        return at == null ? "" : TIME.withZone(ZoneId.systemDefault()).format(at);
    }

    /** A conflict as the refusal dialogs show it: the entry (or file) and the attribute named first. */
    public static String conflict(ConflictException e) {
        return (e.target() == null ? "" : "Entry: " + e.target() + "\n") + (e.attribute() == null ? ""
                : "Attribute: " + e.attribute() + "\n") + "\n" + inConsoleWords(e.getMessage());
    }

    /** The details of a change for the Changes view. */
    public static String details(ChangeRecord r) {
        StringBuilder b = new StringBuilder();
        b.append(r.title()).append("   [").append(r.actionId()).append("]\n");
        b.append("Change ").append(r.id()).append(", started ").append(time(r.startedAt())).append('\n');
        b.append("State: ").append(state(r)).append(" (").append(progress(r)).append(")\n");
        if (!r.message().isEmpty()) {
            b.append(r.message()).append('\n');
        }
        for (String p : r.problems()) {
            b.append("Problem: ").append(p).append('\n');
        }
        b.append("Backup: ").append(r.folder()).append('\n');
        if (r.state().needsAttention()) {
            b.append("\nThe servers may be half-way: Resume finishes the change, Undo restores what it changed.\n");
        }
        return b.toString();
    }
}
