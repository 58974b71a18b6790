package org.migrationconsole.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import org.migrationconsole.api.state.ClockStatus;
import org.migrationconsole.api.state.MissingPluginTask;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.api.state.WorkspaceInfo;
import org.migrationconsole.connect.InstallPaths;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code status [--json]}: the steps in order with their tasks, the clocks and the next task. */
@Command(name = "status", description = "steps in order with their tasks, and the clocks", mixinStandardHelpOptions = false)
final class StatusCommand extends BaseCommand {

    @Option(names = "--json", description = "print a JSON document")
    boolean json;

    StatusCommand(Env env) {
        super(env);
    }

    @Override
    public Integer call() {
        return status(json);
    }

    private int status(boolean json) {
        List<StepStatus> steps = state().steps();
        List<ClockStatus> clocks = state().clocks();
        Optional<TaskStatus> next = state().nextRecommended();
        if (json) {
            JsonObject root = new JsonObject();
            root.add("workspace", Json.workspaceJson(state().workspace()));
            root.addProperty("path", state().path());
            JsonArray sa = new JsonArray();
            for (StepStatus s : steps) {
                JsonObject o = new JsonObject();
                o.addProperty("id", s.id());
                o.addProperty("order", s.step().order());
                o.addProperty("title", s.step().title());
                o.addProperty("bundle", s.bundleId());
                o.addProperty("done", s.done());
                o.addProperty("total", s.total());
                JsonArray ta = new JsonArray();
                s.tasks().forEach(t -> ta.add(Json.taskJson(t)));
                o.add("tasks", ta);
                sa.add(o);
            }
            root.add("steps", sa);
            JsonArray ma = new JsonArray();
            for (MissingPluginTask m : state().missingPluginTasks()) {
                JsonObject o = new JsonObject();
                o.addProperty("id", m.taskId());
                o.addProperty("lastState", m.lastState().id());
                o.addProperty("changedAt", Json.iso(m.changedAt()));
                o.addProperty("changedBy", m.changedBy());
                o.addProperty("note", m.lastNote());
                o.addProperty("providedBy", "a missing plug-in");
                ma.add(o);
            }
            root.add("missingPluginTasks", ma);
            JsonArray ca = new JsonArray();
            clocks.forEach(c -> ca.add(Json.clockJson(c)));
            root.add("clocks", ca);
            root.add("next", next.<JsonElement>map(t -> new JsonPrimitive(t.id())).orElse(JsonNull.INSTANCE));
            out().println(Json.pretty(root));
            return Cli.OK;
        }
        WorkspaceInfo ws = state().workspace();
        out().println("Workspace: " + ws.directory() + (ws.readOnly() ? "  [read-only: " + ws.readOnlyReason() + "]"
                : ""));
        out().println("Install path: " + InstallPaths.describe(state().path()));
        int i = 1;
        for (StepStatus s : steps) {
            out().printf("%n%d. %s  [%s]  %d/%d done%n", i++, s.step().title(), s.bundleId(), s.done(), s.total());
            for (TaskStatus t : s.tasks()) {
                out().printf("   %s %-34s %-12s %s%s%n", mark(t.state()), t.id(), t.state().id(),
                        t.descriptor().title(), t.descriptor().optional() ? " (optional)" : "");
                List<String> waits = new ArrayList<>();
                for (String r : t.blockedReasons()) {
                    if (r.startsWith("waits for ")) {
                        waits.add(r.substring("waits for ".length(), r.indexOf(' ', "waits for ".length())));
                    } else {
                        out().println("        blocked: " + r);
                    }
                }
                if (!waits.isEmpty()) {
                    out().println("        waits for: " + String.join(", ", waits));
                }
            }
        }
        List<MissingPluginTask> missing = state().missingPluginTasks();
        if (!missing.isEmpty()) {
            out().println();
            out().println("Provided by a missing plug-in (kept in the journal, not part of the rules):");
            for (MissingPluginTask m : missing) {
                out().printf("   %-38s %s%n", m.taskId(), m.lastState().id());
            }
        }
        out().println();
        out().println("Clocks:");
        for (ClockStatus c : clocks) {
            out().printf("   %-11s %s%n", c.level().id(), c.message());
        }
        out().println();
        out().println("Next: " + next.map(t -> t.id() + "  " + t.descriptor().title()).orElse("nothing left to do"));
        return Cli.OK;
    }

    private static String mark(TaskState s) {
        return switch (s) {
            case NOT_STARTED -> "[ ]";
            case IN_PROGRESS -> "[>]";
            case COMPLETED -> "[x]";
            case SKIPPED -> "[-]";
            case BLOCKED -> "[!]";
            case FAILED -> "[F]";
        };
    }

}
