package org.migrationconsole.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.state.ClockStatus;
import org.migrationconsole.api.state.InvalidInputException;
import org.migrationconsole.api.state.JournalEntry;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.MissingPluginTask;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.api.state.WorkspaceInfo;
import org.migrationconsole.connect.InstallPaths;
import org.migrationconsole.cli.plugins.Plugins;
import org.migrationconsole.connect.PasswordFile;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.SecretStore;
import org.migrationconsole.connect.internal.RunStore;

/**
 * The headless commands over the state service. Exit codes: {@value #OK} done,
 * {@value #REFUSED} refused by a rule (the message names it), {@value #USAGE} bad usage or bad
 * input (including a workspace that cannot be used).
 */
public final class Cli {

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: migration-console --headless [--workspace DIR] COMMAND [OPTIONS]

            Commands:
              status [--json]                       steps in order with their tasks, and the clocks
              task ID start|complete|skip|fail|reset [--note TEXT] [--json]
              task ID complete --at TIME            done earlier (ISO-8601); journalled as backdated
                                                    change a task's state (reset needs --note)
              task ID note --note TEXT              add a note to a task's history
              journal [--json]                      the audit journal, oldest first
              check [--step N|ID] [--profile FILE] [--password-file FILE] [--json]
                                                    run the pre-flight checks against the source server
                                                    (password from the file, else the first line of stdin)
              profile import FILE [--password-file FILE]
                                                    check a profile, make it the workspace's profile and
                                                    keep the password (if given) in secure storage
              profile show [--json]                 the workspace's profile (never a password)
              answer-file validate FILE [--json]    check a cfg.ini: encoding (Unicode or ANSI, never UTF-8)
                                                    and every key's rule (exit 1 lists key, rule id, reason)
              answer-file write --out DIR [--encoding unicode|ansi] [--accept-eula] [--user NAME]
                        [--password-file FILE] [--unverified-keys]
                                                    write DIR/cfg.ini for the migration-mode install from the
                                                    profile and step 2's inputs; the password comes from the
                                                    file or secure storage (answer-file@DESTINATION);
                                                    --unverified-keys also writes the four migration keys no
                                                    published document names (SourceServerName, ...)
              answer-file wipe DIR                  overwrite DIR/cfg.ini (it holds a plain-text password)
                                                    and delete it
              path [a|b --note REASON] [--json]     the install path (a: migration mode, b: replica domain
                                                    controller), or choose it; profile import sets it from
                                                    target.version (mapping unverified: see the README)
              fsmo-script --out DIR                 write DIR/path-b-replica-dc.ps1: the commands (promotion as
                                                    replica DC + global catalog, ntdsutil role transfers,
                                                    netdom query fsmo) with explanations, from the profile
              steps [--json]                        installed steps: id, order, title, bundle, version, feature
              install --repository URL --step ID [--feature FEATURE]
                                                    install a step's feature from a p2 repository into
                                                    this installation (takes effect after a restart)
              update --repository URL               install the repository's higher versions of the
                                                    installed step features (after a restart)
              uninstall --step ID                   remove the feature that provides the step (after a
                                                    restart); the workspace keeps the step's records
              help                                  this text

            Exit codes: 0 ok, 1 refused by a rule (check: errors found), 2 bad usage or bad input
            (check: cannot run - bad profile, unreachable server, refused credentials).
            """;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final MigrationStateService state;
    private final CheckService checks;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private Plugins plugins;

    public Cli(MigrationStateService state, CheckService checks, InputStream in, PrintStream out, PrintStream err) {
        this.state = state;
        this.checks = checks;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Gives the commands that look at or change the installation (steps, install, uninstall). */
    public Cli withPlugins(Plugins p) {
        this.plugins = p;
        return this;
    }

    /** Runs one command line (without the launcher's own options). */
    public int run(List<String> argList) {
        List<String> args = new ArrayList<>(argList);
        boolean json = args.remove("--json");
        boolean acceptEula = args.remove("--accept-eula");
        boolean unverifiedKeys = args.remove("--unverified-keys");
        Map<String, String> options = new HashMap<>();
        for (String name : List.of("--note", "--step", "--profile", "--password-file", "--out", "--encoding",
                "--user", "--repository", "--feature", "--at")) {
            int n = args.indexOf(name);
            if (n >= 0) {
                if (n + 1 >= args.size()) {
                    return usage(name + " needs a value");
                }
                options.put(name, args.get(n + 1));
                args.subList(n, n + 2).clear();
            }
        }
        String note = options.get("--note");
        if (options.containsKey("--at")) {
            try {
                completedAt = parseAt(options.get("--at"));
            } catch (RuntimeException e) {
                return usage("--at '" + options.get("--at") + "' is not a time: use ISO-8601, e.g."
                        + " 2026-11-20T09:12:00Z or 2026-11-20T10:12+01:00");
            }
        }
        if (args.isEmpty()) {
            return usage("no command given");
        }
        String command = args.get(0);
        if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
            out.print(USAGE_TEXT);
            return OK;
        }
        for (String a : args) {
            if (a.startsWith("--")) {
                return usage("unknown option " + a);
            }
        }
        WorkspaceInfo ws = state.workspace();
        if (ws.fatalError() != null) {
            err.println("error: " + ws.fatalError());
            return USAGE;
        }
        for (String w : ws.warnings()) {
            err.println("warning: " + w);
        }
        return switch (command) {
            case "status" -> args.size() == 1 ? status(json) : usage("status takes no arguments");
            case "journal" -> args.size() == 1 ? journal(json) : usage("journal takes no arguments");
            case "check" -> args.size() == 1 ? check(options, json) : usage("check takes only options");
            case "profile" -> profile(args, options, json);
            case "path" -> path(args, note, json);
            case "answer-file" -> answerFile(args, options, json, acceptEula, unverifiedKeys);
            case "fsmo-script" -> args.size() == 1 ? fsmoScript(options) : usage("fsmo-script takes only --out DIR");
            case "steps" -> args.size() == 1 ? p2(() -> steps(json)) : usage("steps takes no arguments");
            case "install" -> args.size() == 1 ? p2(() -> install(options)) : usage("install takes only options");
            case "uninstall" -> args.size() == 1 ? p2(() -> uninstall(options))
                    : usage("uninstall takes only options");
            case "update" -> args.size() == 1 ? p2(() -> update(options)) : usage("update takes only options");
            case "task" -> args.size() == 3 ? task(args.get(1), args.get(2), note, json)
                    : usage("task needs an id and an action, e.g. task prepare.backup complete");
            default -> usage("unknown command '" + command + "'");
        };
    }

    /** A change the state service may refuse. */
    @FunctionalInterface
    private interface RuledChange {
        int run() throws MigrationRuleException;
    }

    /** Runs a change: refused by a rule is exit 1, bad input or an unusable workspace exit 2. */
    private int ruled(RuledChange change) {
        try {
            return change.run();
        } catch (InvalidInputException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (MigrationRuleException e) {
            err.println("refused: " + e.getMessage());
            return REFUSED;
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
    }

    /** {@code task ID complete --at TIME}: when the work was really done (journalled as backdated). */
    private java.time.Instant completedAt;

    static java.time.Instant parseAt(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.Instant.parse(text);
        }
    }

    private int usage(String problem) {
        err.println("error: " + problem);
        err.print(USAGE_TEXT);
        return USAGE;
    }

    private int task(String id, String action, String note, boolean json) {
        Optional<TaskStatus> before = state.task(id);
        return ruled(() -> {
            TaskStatus after;
            switch (action) {
                case "start" -> after = state.start(id, note);
                case "complete" -> after = completedAt == null ? state.complete(id, note)
                        : state.complete(id, note, completedAt);
                case "skip" -> after = state.skip(id, note);
                case "fail" -> after = state.fail(id, note);
                case "reset" -> after = state.reset(id, note);
                case "note" -> {
                    state.addNote(id, note);
                    after = state.task(id).orElseThrow();
                }
                default -> {
                    return usage("unknown task action '" + action + "' (start, complete, skip, fail, reset, note)");
                }
            }
            if (json) {
                out.println(pretty(taskJson(after)));
            } else {
                out.println(id + ": " + before.map(b -> b.recordedState().id()).orElse("?") + " -> "
                        + after.recordedState().id() + (action.equals("note") ? " (note added)" : ""));
            }
            return OK;
        });
    }

    // ------------------------------------------------------------------ check

    private int check(Map<String, String> options, boolean json) {
        if (checks == null) {
            err.println("error: the check service is not installed (org.migrationconsole.connect)");
            return USAGE;
        }
        String stepId = null;
        if (options.containsKey("--step")) {
            stepId = stepId(options.get("--step"));
            if (stepId == null) {
                return usage("--step '" + options.get("--step") + "' is neither a step number (1-"
                        + state.steps().size() + ") nor a step id");
            }
        }
        char[] password = null;
        try {
            Path profileFile = options.containsKey("--profile") ? Path.of(options.get("--profile"))
                    : state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
            if (!Files.exists(profileFile)) {
                err.println("error: no profile: " + profileFile + " does not exist. Give --profile FILE (see the"
                        + " README for the format) or save one in the console.");
                return USAGE;
            }
            ConnectionProfile profile = ProfileFile.read(profileFile);
            password = options.containsKey("--password-file")
                    ? PasswordFile.read(Path.of(options.get("--password-file")))
                    : PasswordFile.readStdin(in);
            CheckRun run = checks.run(profile, password, stepId, o -> {
                if (!json) {
                    err.printf("  %-7s %s%n", o.result().status().id(), o.checkId());
                }
            }, () -> false);
            if (json) {
                out.println(pretty(RunStore.toJson(run)));
            } else {
                printRun(run);
            }
            return run.errors().isEmpty() ? OK : REFUSED;
        } catch (ConnectionException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    private int profile(List<String> args, Map<String, String> options, boolean json) {
        Path target = state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
        if (args.size() == 2 && args.get(1).equals("show")) {
            if (!Files.exists(target)) {
                err.println("error: this workspace has no profile yet (" + target + "); use 'profile import FILE'");
                return USAGE;
            }
            try {
                ConnectionProfile p = ProfileFile.read(target);
                if (json) {
                    com.google.gson.JsonObject o = new com.google.gson.JsonObject();
                    o.addProperty("file", target.toString());
                    o.addProperty("name", p.name());
                    o.addProperty("sourceHost", p.sourceHost());
                    o.addProperty("sourceAddress", p.sourceAddress());
                    o.addProperty("domain", p.domain());
                    o.addProperty("netbios", p.netbiosDomain());
                    o.addProperty("admin", p.adminAccount());
                    o.addProperty("ldapSecurity", p.ldapSecurity().id());
                    o.addProperty("destinationHost", p.destinationHost());
                    o.addProperty("destinationAddress", p.destinationAddress());
                    o.addProperty("target", p.target().id());
                    out.println(pretty(o));
                } else {
                    out.print(Files.readString(target));
                }
                return OK;
            } catch (ConnectionException | java.io.IOException e) {
                err.println("error: " + e.getMessage());
                return USAGE;
            }
        }
        if (args.size() != 3 || !args.get(1).equals("import")) {
            return usage("profile takes 'import FILE' or 'show'");
        }
        if (state.workspace().readOnly()) {
            err.println("refused: " + state.workspace().readOnlyReason());
            return REFUSED;
        }
        char[] password = null;
        try {
            ConnectionProfile p = ProfileFile.read(Path.of(args.get(2)));
            if (options.containsKey("--password-file")) {
                password = PasswordFile.read(Path.of(options.get("--password-file")));
            }
            ProfileFile.write(p, target);
            if (password != null) {
                SecretStore.open(SecretStore.defaultFolder())
                        .put(SecretStore.accountKey(p.adminAccount(), p.sourceHost()), password);
            }
            state.recordEvent("profile", "connection profile '" + p.name() + "' imported (source " + p.sourceHost()
                    + ", target " + p.target().id() + ")" + (password == null ? "" : "; password kept in secure"
                            + " storage"));
            String wanted = InstallPaths.forTarget(p.target());
            if (!wanted.equals(state.path())) {
                state.setPath(wanted, "target version " + p.target().id() + " (profile '" + p.name() + "')");
                out.println("Install path set to " + InstallPaths.describe(wanted) + ".");
            }
            out.println("Profile '" + p.name() + "' saved to " + target + (password == null ? ""
                    : "; the password is in secure storage under " + SecretStore.defaultFolder()));
            return OK;
        } catch (ConnectionException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (java.io.IOException | MigrationRuleException e) {
            err.println("error: cannot save the profile: " + e.getMessage());
            return USAGE;
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    private int answerFile(List<String> args, Map<String, String> options, boolean json, boolean acceptEula,
            boolean unverifiedKeys) {
        try {
            return new AnswerFileCommand(state, out, err).run(args, options, json, acceptEula, unverifiedKeys);
        } catch (NoClassDefFoundError e) {
            err.println("error: answer-file needs step 2 (org.migrationconsole.step.install), which is not installed");
            return USAGE;
        }
    }

    private int path(List<String> args, String note, boolean json) {
        if (args.size() == 2) {
            int code = ruled(() -> {
                state.setPath(args.get(1), note);
                return OK;
            });
            if (code != OK) {
                return code;
            }
        } else if (args.size() != 1) {
            return usage("path takes nothing, or a or b with --note REASON");
        }
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("path", state.path());
            o.addProperty("description", InstallPaths.describe(state.path()));
            out.println(pretty(o));
        } else {
            out.println("Install path " + InstallPaths.describe(state.path()));
        }
        return OK;
    }

    private int fsmoScript(Map<String, String> options) {
        try {
            return new AnswerFileCommand(state, out, err).fsmoScript(options);
        } catch (NoClassDefFoundError e) {
            err.println("error: fsmo-script needs step 2 (org.migrationconsole.step.install), which is not installed");
            return USAGE;
        }
    }

    private String stepId(String value) {
        List<StepStatus> steps = state.steps();
        if (value.matches("[0-9]+")) {
            int n = Integer.parseInt(value);
            return n >= 1 && n <= steps.size() ? steps.get(n - 1).id() : null;
        }
        return steps.stream().map(StepStatus::id).filter(value::equals).findFirst().orElse(null);
    }

    private void printRun(CheckRun run) {
        out.println("Checks against '" + run.profileName() + "' at " + TIME.format(run.startedAt()) + ":");
        for (CheckOutcome o : run.outcomes()) {
            out.printf("%n[%s] %-40s %-8s %s%n", o.result().status().id().toUpperCase(java.util.Locale.ROOT),
                    o.checkId(), o.severity().id(), o.title());
            out.println("    " + o.result().message());
            for (String e : o.result().evidence()) {
                out.println("    evidence: " + e);
            }
            if (!o.result().remedy().isEmpty()) {
                out.println("    remedy: " + o.result().remedy());
            }
        }
        out.println();
        out.println(run.errors().isEmpty() ? "No blocking problems." : run.errors().size()
                + " blocking problem(s): " + String.join(", ", run.errors().stream().map(CheckOutcome::checkId)
                        .toList()));
    }

    // ------------------------------------------------------------------ plug-ins

    private int steps(boolean json) {
        List<StepStatus> steps = state.steps();
        if (json) {
            JsonArray a = new JsonArray();
            for (StepStatus s : steps) {
                JsonObject o = new JsonObject();
                o.addProperty("id", s.id());
                o.addProperty("order", s.step().order());
                o.addProperty("title", s.step().title());
                o.addProperty("bundle", s.bundleId());
                o.addProperty("bundleVersion", plugins.bundleVersion(s.bundleId()));
                Optional<Plugins.Feature> f = plugins.featureOf(s.bundleId());
                o.addProperty("feature", f.map(Plugins.Feature::id).orElse(null));
                o.addProperty("featureVersion", f.map(Plugins.Feature::version).orElse(null));
                a.add(o);
            }
            out.println(pretty(a));
            return OK;
        }
        for (StepStatus s : steps) {
            out.printf("%4d  %-12s %-45s %s %s  (feature %s)%n", s.step().order(), s.id(), s.step().title(),
                    s.bundleId(), plugins.bundleVersion(s.bundleId()),
                    plugins.featureOf(s.bundleId()).map(f -> f.id() + " " + f.version()).orElse("none"));
        }
        return OK;
    }

    private int install(Map<String, String> options) throws java.io.IOException, InterruptedException {
        String repository = options.get("--repository");
        String stepId = options.get("--step");
        if (repository == null || stepId == null) {
            return usage("install needs --repository URL and --step ID");
        }
        repository = repositoryUri(repository);
        for (StepStatus s : state.steps()) {
            if (s.id().equals(stepId)) {
                err.println("refused: step '" + stepId + "' is already installed (bundle " + s.bundleId() + ")");
                return REFUSED;
            }
        }
        String feature = options.get("--feature");
        if (feature == null) {
            StringBuilder listing = new StringBuilder();
            List<String> offered = plugins.repositoryFeatures(repository, listing);
            Optional<String> f = Plugins.featureForStep(offered, stepId);
            if (f.isEmpty()) {
                err.println("error: the repository " + repository + " has no single feature for step '" + stepId
                        + "' (a feature id ending in 'step." + stepId + ".feature'); it offers: "
                        + (offered.isEmpty() ? "no features" : String.join(", ", offered))
                        + ". Name it with --feature.");
                return USAGE;
            }
            feature = f.get();
        }
        err.println("Installing " + feature + " from " + repository + " into " + plugins.installArea()
                + " (profile " + plugins.profile() + ")...");
        Plugins.Result r = plugins.install(repository, feature);
        if (r.exitCode() != 0) {
            err.println("error: p2 could not install " + feature + ":");
            err.println(r.output().strip());
            return REFUSED;
        }
        audit("installed feature " + feature + " (step " + stepId + ") from " + repository);
        out.println("Installed " + feature + " (step " + stepId + "). Restart the console for the change to"
                + " take effect.");
        return OK;
    }

    private int update(Map<String, String> options) throws java.io.IOException, InterruptedException {
        String repository = options.get("--repository");
        if (repository == null) {
            return usage("update needs --repository URL");
        }
        repository = repositoryUri(repository);
        List<Plugins.Update> updates = plugins.updates(repository);
        if (updates.isEmpty()) {
            out.println("No updates: " + repository + " has no higher version of an installed step feature.");
            return OK;
        }
        for (Plugins.Update u : updates) {
            err.println("Updating " + u.featureId() + " " + u.installedVersion() + " -> " + u.newVersion() + "...");
            Plugins.Result r = plugins.update(repository, u);
            if (r.exitCode() != 0) {
                err.println("error: p2 could not update " + u.featureId() + ":");
                err.println(r.output().strip());
                return REFUSED;
            }
            audit("updated feature " + u.featureId() + " " + u.installedVersion() + " -> " + u.newVersion()
                    + " from " + repository);
            out.println("Updated " + u.featureId() + " to " + u.newVersion() + ".");
        }
        out.println("Restart the console for the change to take effect.");
        return OK;
    }

    private int uninstall(Map<String, String> options) throws java.io.IOException, InterruptedException {
        String stepId = options.get("--step");
        if (stepId == null) {
            return usage("uninstall needs --step ID");
        }
        Optional<StepStatus> step = state.steps().stream().filter(s -> s.id().equals(stepId)).findFirst();
        if (step.isEmpty()) {
            err.println("error: no installed step '" + stepId + "'; installed: "
                    + String.join(", ", state.steps().stream().map(StepStatus::id).toList()));
            return USAGE;
        }
        Optional<Plugins.Feature> feature = plugins.featureOf(step.get().bundleId());
        if (feature.isEmpty() || feature.get().id().equals(Plugins.PLATFORM_FEATURE)) {
            err.println("refused: step '" + stepId + "' (bundle " + step.get().bundleId() + ") is not in a feature of"
                    + " its own that can be uninstalled");
            return REFUSED;
        }
        err.println("Uninstalling " + feature.get().id() + " from " + plugins.installArea() + " (profile "
                + plugins.profile() + ")...");
        Plugins.Result r = plugins.uninstall(feature.get().id());
        if (r.exitCode() != 0) {
            err.println("error: p2 could not uninstall " + feature.get().id() + ":");
            err.println(r.output().strip());
            return REFUSED;
        }
        audit("uninstalled feature " + feature.get().id() + " (step " + stepId + ")");
        out.println("Uninstalled " + feature.get().id() + " (step " + stepId + "). Restart the console for the"
                + " change to take effect. The workspace keeps the step's journal records.");
        return OK;
    }

    /** A p2 command of the command line; its I/O failures become exit code 2. */
    @FunctionalInterface
    private interface P2Command {
        int run() throws java.io.IOException, InterruptedException;
    }

    private int p2(P2Command command) {
        if (plugins == null) {
            err.println("error: the installation is unknown (osgi.install.area is not set)");
            return USAGE;
        }
        try {
            return command.run();
        } catch (java.io.IOException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return USAGE;
        }
    }

    /** A repository given as a directory becomes a file: URI. */
    private static String repositoryUri(String repository) {
        return repository.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*") ? repository
                : Path.of(repository).toAbsolutePath().toUri().toString();
    }

    /** Notes an installation change in the journal when this process may write it. */
    private void audit(String text) {
        if (state.workspace().readOnly()) {
            return;
        }
        try {
            state.recordEvent("plug-ins", text);
        } catch (MigrationRuleException | RuntimeException e) {
            err.println("warning: could not journal the change: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ status

    private int status(boolean json) {
        List<StepStatus> steps = state.steps();
        List<ClockStatus> clocks = state.clocks();
        Optional<TaskStatus> next = state.nextRecommended();
        if (json) {
            JsonObject root = new JsonObject();
            root.add("workspace", workspaceJson(state.workspace()));
            root.addProperty("path", state.path());
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
                s.tasks().forEach(t -> ta.add(taskJson(t)));
                o.add("tasks", ta);
                sa.add(o);
            }
            root.add("steps", sa);
            JsonArray ma = new JsonArray();
            for (MissingPluginTask m : state.missingPluginTasks()) {
                JsonObject o = new JsonObject();
                o.addProperty("id", m.taskId());
                o.addProperty("lastState", m.lastState().id());
                o.addProperty("changedAt", iso(m.changedAt()));
                o.addProperty("changedBy", m.changedBy());
                o.addProperty("note", m.lastNote());
                o.addProperty("providedBy", "a missing plug-in");
                ma.add(o);
            }
            root.add("missingPluginTasks", ma);
            JsonArray ca = new JsonArray();
            clocks.forEach(c -> ca.add(clockJson(c)));
            root.add("clocks", ca);
            root.add("next", next.<JsonElement>map(t -> new JsonPrimitive(t.id())).orElse(JsonNull.INSTANCE));
            out.println(pretty(root));
            return OK;
        }
        WorkspaceInfo ws = state.workspace();
        out.println("Workspace: " + ws.directory() + (ws.readOnly() ? "  [read-only: " + ws.readOnlyReason() + "]"
                : ""));
        out.println("Install path: " + InstallPaths.describe(state.path()));
        int i = 1;
        for (StepStatus s : steps) {
            out.printf("%n%d. %s  [%s]  %d/%d done%n", i++, s.step().title(), s.bundleId(), s.done(), s.total());
            for (TaskStatus t : s.tasks()) {
                out.printf("   %s %-34s %-12s %s%s%n", mark(t.state()), t.id(), t.state().id(),
                        t.descriptor().title(), t.descriptor().optional() ? " (optional)" : "");
                List<String> waits = new ArrayList<>();
                for (String r : t.blockedReasons()) {
                    if (r.startsWith("waits for ")) {
                        waits.add(r.substring("waits for ".length(), r.indexOf(' ', "waits for ".length())));
                    } else {
                        out.println("        blocked: " + r);
                    }
                }
                if (!waits.isEmpty()) {
                    out.println("        waits for: " + String.join(", ", waits));
                }
            }
        }
        List<MissingPluginTask> missing = state.missingPluginTasks();
        if (!missing.isEmpty()) {
            out.println();
            out.println("Provided by a missing plug-in (kept in the journal, not part of the rules):");
            for (MissingPluginTask m : missing) {
                out.printf("   %-38s %s%n", m.taskId(), m.lastState().id());
            }
        }
        out.println();
        out.println("Clocks:");
        for (ClockStatus c : clocks) {
            out.printf("   %-11s %s%n", c.level().id(), c.message());
        }
        out.println();
        out.println("Next: " + next.map(t -> t.id() + "  " + t.descriptor().title()).orElse("nothing left to do"));
        return OK;
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

    // ------------------------------------------------------------------ journal

    private int journal(boolean json) {
        List<JournalEntry> entries = state.journal();
        if (json) {
            JsonArray a = new JsonArray();
            for (JournalEntry e : entries) {
                JsonObject o = new JsonObject();
                o.addProperty("seq", e.seq());
                o.addProperty("at", iso(e.at()));
                o.addProperty("who", e.who());
                o.addProperty("type", e.type());
                o.addProperty("task", e.taskId());
                o.addProperty("from", e.from());
                o.addProperty("to", e.to());
                o.addProperty("note", e.note());
                a.add(o);
            }
            out.println(pretty(a));
            return OK;
        }
        for (JournalEntry e : entries) {
            String change = JournalEntry.TRANSITION.equals(e.type()) ? e.from() + " -> " + e.to()
                    : JournalEntry.PATH.equals(e.type()) ? "path " + e.from() + " -> " + e.to() : e.type();
            out.printf("%6d  %s  %-10s %-32s %-26s %s%n", e.seq(), e.at() == null ? "" : TIME.format(e.at()),
                    e.who(), e.taskId() == null ? "" : e.taskId(), change, e.note() == null ? "" : e.note());
        }
        if (entries.isEmpty()) {
            out.println("The journal is empty.");
        }
        return OK;
    }

    // ------------------------------------------------------------------ JSON

    static JsonObject taskJson(TaskStatus t) {
        JsonObject o = new JsonObject();
        o.addProperty("id", t.id());
        o.addProperty("title", t.descriptor().title());
        o.addProperty("state", t.state().id());
        o.addProperty("recordedState", t.recordedState().id());
        o.addProperty("optional", t.descriptor().optional());
        o.addProperty("kind", t.descriptor().kind().id());
        o.addProperty("unverified", t.descriptor().unverified());
        JsonArray pre = new JsonArray();
        t.descriptor().prerequisites().forEach(pre::add);
        o.add("prerequisites", pre);
        JsonArray reasons = new JsonArray();
        t.blockedReasons().forEach(reasons::add);
        o.add("blockedReasons", reasons);
        o.addProperty("changedAt", iso(t.changedAt()));
        o.addProperty("changedBy", t.changedBy());
        o.addProperty("note", t.lastNote());
        return o;
    }

    static JsonObject clockJson(ClockStatus c) {
        JsonObject o = new JsonObject();
        o.addProperty("id", c.clock().id());
        o.addProperty("limitDays", c.clock().limit().toDays());
        o.addProperty("level", c.level().id());
        o.addProperty("startedAt", iso(c.startedAt()));
        o.addProperty("stoppedAt", iso(c.stoppedAt()));
        o.addProperty("endsAt", iso(c.endsAt()));
        o.addProperty("remainingSeconds", c.remaining() == null ? null : c.remaining().toSeconds());
        o.addProperty("message", c.message());
        return o;
    }

    static JsonObject workspaceJson(WorkspaceInfo ws) {
        JsonObject o = new JsonObject();
        o.addProperty("directory", ws.directory().toString());
        o.addProperty("journal", ws.journal().toString());
        o.addProperty("readOnly", ws.readOnly());
        o.addProperty("readOnlyReason", ws.readOnlyReason());
        JsonArray w = new JsonArray();
        ws.warnings().forEach(w::add);
        o.add("warnings", w);
        return o;
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }

    static String pretty(JsonElement e) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(e);
    }
}
