package org.migrationconsole.cli.internal;

import java.util.Optional;

import org.migrationconsole.api.state.TaskStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code task ID start|complete|skip|fail|reset|note [--note TEXT] [--json]}. */
@Command(name = "task", customSynopsis = "task ID start|complete|skip|fail|reset|note [--note TEXT] [--json]",
        description = "change a task's state (reset and note need --note: the reason or the note)")
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

    TaskCommand(Env env) {
        super(env);
    }

    @Override
    public Integer call() {
        if (id == null || action == null) {
            throw usage("task needs an id and an action, e.g. task prepare.backup complete");
        }
        Optional<TaskStatus> before = state().task(id);
        return ruled(() -> {
            TaskStatus after;
            switch (action) {
                case "start" -> after = state().start(id, note);
                case "complete" -> after = state().complete(id, note);
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
                        + after.recordedState().id() + (action.equals("note") ? " (note added)" : ""));
            }
            return Cli.OK;
        });
    }
}
