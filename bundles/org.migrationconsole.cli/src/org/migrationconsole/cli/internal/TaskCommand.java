package org.migrationconsole.cli.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.migrationconsole.api.state.TaskStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code task ID start|complete|skip|fail|reset|note [--note TEXT] [--json]}. */
@Command(name = "task", customSynopsis = {"task ID start|complete|skip|fail|reset|note [--note TEXT] [--json]",
                "task ID complete --at TIME [--note TEXT] [--json]"},
        description = {"change a task's state (reset and note need --note: the reason or the note)",
                "complete --at TIME: the work was done earlier (ISO-8601, e.g. 2026-11-20T09:12:00Z);"
                        + " journalled now as backdated, and the clock the task starts runs from TIME"})
final class TaskCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "the task, e.g. prepare.backup")
    String id;
    @Parameters(index = "1", arity = "0..1", paramLabel = "ACTION",
            description = "start, complete, skip, fail, reset or note")
    String action;
    @Option(names = "--note", paramLabel = "TEXT", description = "a note (the reason, for reset)")
    String note;
    @Option(names = "--json", description = "print the task as a JSON object")
    boolean json;
    @Option(names = "--at", paramLabel = "TIME",
            description = "with complete: when the work was really done (ISO-8601, e.g. 2026-11-20T09:12:00Z or"
                    + " 2026-11-20T10:12+01:00); journalled as backdated")
    String at;

    TaskCommand(Env env) {
        super(env);
    }

    @Override
    public Integer call() {
        if (id == null || action == null) {
            throw usage("task needs an id and an action, e.g. task prepare.backup complete");
        }
        Instant completedAt = null;
        if (at != null) {
            if (!"complete".equals(action)) {
                throw usage("--at goes only with complete (task ID complete --at TIME), not with " + action);
            }
            try {
                completedAt = parseAt(at);
            } catch (RuntimeException e) {
                throw usage("--at '" + at + "' is not a time: use ISO-8601, e.g. 2026-11-20T09:12:00Z or"
                        + " 2026-11-20T10:12+01:00");
            }
        }
        Instant when = completedAt;
        Optional<TaskStatus> before = state().task(id);
        return ruled(() -> {
            TaskStatus after;
            switch (action) {
                case "start" -> after = state().start(id, note);
                case "complete" -> after = when == null ? state().complete(id, note)
                        : state().complete(id, note, when);
                case "skip" -> after = state().skip(id, note);
                case "fail" -> after = state().fail(id, note);
                case "reset" -> after = state().reset(id, note);
                case "note" -> {
                    state().addNote(id, note);
                    after = state().task(id).orElseThrow();
                }
                default -> throw usage("unknown task action '" + action
                        + "' (start, complete, skip, fail, reset, note)");
            }
            if (json) {
                out().println(Json.pretty(Json.taskJson(after)));
            } else {
                out().println(id + ": " + before.map(b -> b.recordedState().id()).orElse("?") + " -> "
                        + after.recordedState().id() + (action.equals("note") ? " (note added)" : "")
                        + (when != null ? " (backdated to " + when + ")" : ""));
            }
            return Cli.OK;
        });
    }

    /** An ISO-8601 time with an offset or in UTC ({@code Z}). */
    static Instant parseAt(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(text);
        }
    }
}
