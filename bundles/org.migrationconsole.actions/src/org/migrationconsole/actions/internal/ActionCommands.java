package org.migrationconsole.actions.internal;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.migrationconsole.actions.ActionService;
import org.migrationconsole.actions.ChangeRecord;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.ConflictException;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.field.Field;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.connect.PasswordFile;
import org.migrationconsole.connect.ProfileFile;

/**
 * The {@code action} and {@code change} commands (list, plan, apply; list, show, undo, resume).
 * Exit codes: 0 done, 1 refused (a conflict, missing rights, a failed verification), 2 bad usage or
 * input, or no connection.
 */
public final class ActionCommands {

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;

    private final ActionService engine;
    private final MigrationStateService state;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public ActionCommands(ActionService engine, MigrationStateService state, InputStream in, PrintStream out,
            PrintStream err) {
        this.engine = engine;
        this.state = state;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Options of one command line: flags, --key value pairs and positional words. */
    static final class Args {
        final List<String> words = new ArrayList<>();
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, String> options = new LinkedHashMap<>();
        final List<String> flags = new ArrayList<>();

        static Args parse(List<String> raw, List<String> valued, List<String> known) {
            Args a = new Args();
            for (int i = 0; i < raw.size(); i++) {
                String s = raw.get(i);
                if (s.startsWith("--")) {
                    String key = s;
                    String value = null;
                    int eq = s.indexOf('=');
                    if (eq > 0) {
                        key = s.substring(0, eq);
                        value = s.substring(eq + 1);
                    }
                    if (valued.contains(key)) {
                        if (value == null) {
                            if (i + 1 >= raw.size()) {
                                throw new IllegalArgumentException(key + " needs a value");
                            }
                            value = raw.get(++i);
                        }
                        if (key.equals("--option")) {
                            int e = value.indexOf('=');
                            if (e <= 0) {
                                throw new IllegalArgumentException("--option needs NAME=VALUE, not '" + value + "'");
                            }
                            a.options.put(value.substring(0, e), value.substring(e + 1));
                        } else {
                            a.values.put(key, value);
                        }
                    } else if (known.contains(key)) {
                        a.flags.add(key);
                    } else {
                        throw new IllegalArgumentException("unknown option " + key);
                    }
                } else {
                    a.words.add(s);
                }
            }
            return a;
        }

        boolean has(String flag) {
            return flags.contains(flag);
        }
    }

    public int run(List<String> argv) {
        if (argv.isEmpty()) {
            return usage();
        }
        String group = argv.get(0);
        String sub = argv.size() > 1 ? argv.get(1) : "";
        Args a;
        try {
            a = Args.parse(argv.subList(Math.min(2, argv.size()), argv.size()), List.of("--step", "--profile",
                    "--password-file", "--option"), List.of("--json", "--yes", "--force", "--password-stdin"));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        warnInterrupted();
        try {
            return switch (group + " " + sub) {
                case "action list" -> actionList(a);
                case "action plan" -> actionPlan(a);
                case "action apply" -> actionApply(a);
                case "change list" -> changeList(a);
                case "change show" -> changeShow(a);
                case "change undo" -> changeUndo(a);
                case "change resume" -> changeResume(a);
                default -> usage();
            };
        } catch (ConflictException e) {
            err.println("refused: " + e.getMessage() + " [entry " + e.target() + (e.attribute() == null ? ""
                    : ", attribute " + e.attribute()) + "]");
            return REFUSED;
        } catch (SecurityException e) {
            err.println("refused: " + e.getMessage());
            return REFUSED;
        } catch (ConnectionException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (IllegalStateException e) {
            err.println("refused: " + e.getMessage());
            return REFUSED;
        } catch (Exception e) {
            err.println("error: " + ActionEngine.message(e));
            return REFUSED;
        }
    }

    private int usage() {
        err.println("usage: action list [--step S] [--json]\n"
                + "       action plan ID [--option NAME=VALUE]... [--json]   (plans; writes nothing)\n"
                + "       action apply ID [--option NAME=VALUE]... [--yes]\n"
                + "       change list [--json] | change show ID [--json]\n"
                + "       change undo ID [--force] | change resume ID\n"
                + "  connection: --profile FILE (default: the workspace's profile) and --password-file FILE or"
                + " --password-stdin");
        return USAGE;
    }

    private void warnInterrupted() {
        for (ChangeRecord r : engine.changes()) {
            if (r.state().needsAttention()) {
                err.println("warning: change " + r.id() + " (" + r.actionId() + ") " + r.message()
                        + ": 'change resume " + r.id() + "' or 'change undo " + r.id() + "'");
            }
        }
    }

    // ------------------------------------------------------------------ action

    private int actionList(Args a) {
        String step = a.values.get("--step");
        List<MigrationAction> list = engine.actions().stream().filter(x -> step == null || x.stepId().equals(step))
                .toList();
        if (a.has("--json")) {
            JsonArray arr = new JsonArray();
            for (MigrationAction x : list) {
                JsonObject o = new JsonObject();
                o.addProperty("id", x.id());
                o.addProperty("step", x.stepId());
                o.addProperty("title", x.title());
                o.addProperty("task", x.taskId().orElse(null));
                o.addProperty("check", x.checkId().orElse(null));
                JsonArray opts = new JsonArray();
                for (Field f : x.options()) {
                    JsonObject fo = new JsonObject();
                    fo.addProperty("id", f.id());
                    fo.addProperty("label", f.label());
                    fo.addProperty("default", f.defaultValue());
                    opts.add(fo);
                }
                o.add("options", opts);
                arr.add(o);
            }
            out.println(json(arr));
            return OK;
        }
        for (MigrationAction x : list) {
            out.println(x.id() + "  [" + x.stepId() + "]  " + x.title() + x.taskId().map(t -> "  (task " + t + ")")
                    .orElse(""));
            for (Field f : x.options()) {
                out.println("    --option " + f.id() + "=" + (f.defaultValue().isEmpty() ? "..." : f.defaultValue())
                        + "   " + f.label());
            }
        }
        if (list.isEmpty()) {
            err.println("no actions" + (step == null ? "" : " in step " + step));
        }
        return OK;
    }

    private String id(Args a, String what) {
        if (a.words.size() != 1) {
            throw new IllegalArgumentException(what + " needs exactly one ID");
        }
        return a.words.get(0);
    }

    private ActionService.Session open(Args a) throws Exception {
        ConnectionProfile profile;
        String p = a.values.get("--profile");
        if (p != null) {
            profile = ProfileFile.read(Path.of(p));
        } else {
            Path ws = state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
            if (!Files.exists(ws)) {
                throw new IllegalArgumentException("no profile: give --profile FILE or import one into the workspace");
            }
            profile = ProfileFile.read(ws);
        }
        char[] password;
        if (a.values.containsKey("--password-file")) {
            password = PasswordFile.read(Path.of(a.values.get("--password-file")));
        } else if (a.has("--password-stdin")) {
            password = PasswordFile.readStdin(in);
        } else {
            throw new IllegalArgumentException("changes need the profile's credentials: give --password-file FILE or"
                    + " --password-stdin");
        }
        try {
            return engine.open(profile, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private int actionPlan(Args a) throws Exception {
        String id = id(a, "action plan");
        try (ActionService.Session s = open(a)) {
            ActionPlan plan = engine.plan(s, id, a.options);
            if (a.has("--json")) {
                out.println(json(PlanCodec.toTree(plan)));
            } else {
                printPlan(plan);
                out.println("Nothing was changed. Apply exactly this plan with: action apply " + id);
            }
            return OK;
        }
    }

    private void printPlan(ActionPlan plan) {
        MigrationAction x = engine.action(plan.actionId()).orElseThrow();
        out.println("Plan of " + x.id() + ": " + x.title() + " (read " + plan.plannedAt() + ")");
        if (!plan.options().isEmpty()) {
            out.println("  options: " + plan.options());
        }
        for (Change c : plan.changes()) {
            out.println("  " + c.id() + ". " + c.describe());
        }
        for (String n : plan.notes()) {
            out.println("  note: " + n);
        }
        if (plan.isEmpty()) {
            out.println("  nothing to change");
        }
    }

    private int actionApply(Args a) throws Exception {
        String id = id(a, "action apply");
        try (ActionService.Session s = open(a)) {
            Optional<ActionPlan> stored = a.options.isEmpty() ? engine.storedPlan(id) : Optional.empty();
            ActionPlan plan = stored.isPresent() ? stored.get() : engine.plan(s, id, a.options);
            if (stored.isPresent()) {
                err.println("applying the plan made at " + plan.plannedAt() + " (action plan " + id + ")");
            }
            if (plan.isEmpty()) {
                printPlan(plan);
                out.println("Nothing to apply.");
                return OK;
            }
            printPlan(plan);
            if (!a.has("--yes")) {
                out.print("Apply these " + ActionEngine.automatic(plan).size() + " changes? [y/N] ");
                out.flush();
                String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
                if (line == null || !(line.strip().equalsIgnoreCase("y") || line.strip().equalsIgnoreCase("yes"))) {
                    out.println("Not applied.");
                    return REFUSED;
                }
            }
            long t0 = System.nanoTime();
            ChangeRecord r = engine.apply(s, plan, m -> {
                err.println(m);
                err.flush();
            }, () -> false);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            out.println("change " + r.id() + ": " + r.state().id() + " (" + r.applied() + " of " + r.total()
                    + " changes, " + ms + " ms); backup " + r.folder() + " (" + Backup.size(r.folder()) + " bytes)");
            if (!r.message().isEmpty()) {
                out.println("  " + r.message());
            }
            r.problems().forEach(p -> out.println("  problem: " + p));
            out.println("undo with: change undo " + r.id());
            return r.state() == ChangeRecord.State.APPLIED ? OK : REFUSED;
        }
    }

    // ------------------------------------------------------------------ change

    private JsonObject tree(ChangeRecord r) {
        JsonObject o = new JsonObject();
        o.addProperty("id", r.id());
        o.addProperty("action", r.actionId());
        o.addProperty("title", r.title());
        o.addProperty("state", r.state().id());
        o.addProperty("applied", r.applied());
        o.addProperty("total", r.total());
        o.addProperty("undone", r.undone());
        o.addProperty("startedAt", r.startedAt().toString());
        o.addProperty("backup", r.folder().toString());
        try {
            o.addProperty("backupBytes", Backup.size(r.folder()));
        } catch (java.io.IOException e) {
            o.addProperty("backupBytes", -1);
        }
        o.addProperty("message", r.message());
        JsonArray p = new JsonArray();
        r.problems().forEach(p::add);
        o.add("problems", p);
        return o;
    }

    private int changeList(Args a) {
        List<ChangeRecord> list = engine.changes();
        if (a.has("--json")) {
            JsonArray arr = new JsonArray();
            list.forEach(r -> arr.add(tree(r)));
            out.println(json(arr));
            return OK;
        }
        for (ChangeRecord r : list) {
            out.println(r.id() + "  " + r.state().id() + "  " + r.applied() + "/" + r.total() + "  " + r.title()
                    + (r.message().isEmpty() ? "" : "  - " + r.message()));
        }
        if (list.isEmpty()) {
            err.println("no changes yet");
        }
        return OK;
    }

    private int changeShow(Args a) {
        String id = id(a, "change show");
        ChangeRecord r = engine.change(id).orElseThrow(() -> new IllegalArgumentException("no change " + id));
        ActionPlan plan = engine.changePlan(id).orElse(null);
        if (a.has("--json")) {
            JsonObject o = tree(r);
            o.add("plan", plan == null ? null : PlanCodec.toTree(plan));
            out.println(json(o));
            return OK;
        }
        out.println(r.id() + ": " + r.title() + " (" + r.actionId() + ")");
        out.println("  state: " + r.state().id() + ", " + r.applied() + " of " + r.total() + " applied"
                + (r.undone() > 0 ? ", " + r.undone() + " undone" : ""));
        out.println("  " + r.message());
        out.println("  backup: " + r.folder());
        r.problems().forEach(p -> out.println("  problem: " + p));
        if (plan != null) {
            for (Change c : plan.changes()) {
                out.println("  " + c.id() + ". " + c.describe());
            }
        }
        return OK;
    }

    private int changeUndo(Args a) throws Exception {
        String id = id(a, "change undo");
        try (ActionService.Session s = open(a)) {
            long t0 = System.nanoTime();
            ChangeRecord r = engine.undo(s, id, a.has("--force"), m -> {
                err.println(m);
                err.flush();
            });
            long ms = (System.nanoTime() - t0) / 1_000_000;
            out.println("change " + r.id() + ": " + r.state().id() + " (" + r.undone() + " changes undone, " + ms
                    + " ms)");
            out.println("  " + r.message());
            return OK;
        }
    }

    private int changeResume(Args a) throws Exception {
        String id = id(a, "change resume");
        try (ActionService.Session s = open(a)) {
            ChangeRecord r = engine.resume(s, id, m -> {
                err.println(m);
                err.flush();
            });
            out.println("change " + r.id() + ": " + r.state().id() + " (" + r.applied() + " of " + r.total()
                    + " changes)");
            if (!r.message().isEmpty()) {
                out.println("  " + r.message());
            }
            return r.state() == ChangeRecord.State.APPLIED ? OK : REFUSED;
        }
    }

    private static String json(Object tree) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(
                (com.google.gson.JsonElement) tree);
    }
}
