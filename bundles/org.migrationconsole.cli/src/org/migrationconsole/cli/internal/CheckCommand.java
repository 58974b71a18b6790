package org.migrationconsole.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.connect.PasswordFile;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.internal.RunStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code check [--step N|ID] [--profile FILE] [--password-file FILE] [--json]}. */
@Command(name = "check", customSynopsis = "check [--step N|ID] [--profile FILE] [--password-file FILE] [--json] | check --list [--json]", description = "run the pre-flight checks against the source server (password from the"
        + " file, else the first line of standard input)")
final class CheckCommand extends BaseCommand {

    @Option(names = "--step", paramLabel = "N|ID", description = "only one step's checks, by number or id")
    String step;
    @Option(names = "--profile", paramLabel = "FILE", description = "the profile (default: the workspace's)")
    Path profileFile;
    @Option(names = "--password-file", paramLabel = "FILE", description = "the password (first line; only its"
            + " owner may read the file)")
    Path passwordFile;
    @Option(names = "--json", description = "print a JSON document")
    boolean json;
    @Option(names = "--list", description = "list the installed checks (id, step, severity, gated task) without"
            + " running them")
    boolean list;

    CheckCommand(Env env) {
        super(env);
    }

    @Override
    public Integer call() {
        CheckService checks = env.checks();
        if (checks == null) {
            err().println("error: the check service is not installed (org.migrationconsole.connect)");
            return Cli.USAGE;
        }
        if (list) {
            return list(checks);
        }
        String stepId = null;
        if (step != null) {
            stepId = stepId(step);
            if (stepId == null) {
                throw usage("--step '" + step + "' is neither a step number (1-" + state().steps().size()
                        + ") nor a step id");
            }
        }
        char[] password = null;
        try {
            Path file = profileFile != null ? profileFile : env.profileFile();
            if (!Files.exists(file)) {
                err().println("error: no profile: " + file + " does not exist. Give --profile FILE (see the"
                        + " README for the format) or save one in the console.");
                return Cli.USAGE;
            }
            ConnectionProfile profile = ProfileFile.read(file);
            password = passwordFile != null ? PasswordFile.read(passwordFile) : PasswordFile.readStdin(env.in());
            if (profile.ldapSecurity() == ConnectionProfile.LdapSecurity.PLAIN) {
                // said at run time too, not only when the profile was saved (the journal keeps it as well)
                err().println("warning: source.ldap.security=plain: the password of " + profile.adminAccount() + "@"
                        + profile.domain() + " and every directory answer cross the network to "
                        + profile.sourceHost() + " in clear text; use kerberos (the default) or ldaps");
            }
            CheckRun run = checks.run(profile, password, stepId, o -> {
                if (!json) {
                    err().printf("  %-7s %s%n", o.result().status().id(), o.checkId());
                }
            }, () -> false);
            if (json) {
                out().println(Json.pretty(RunStore.toJson(run)));
            } else {
                printRun(run);
            }
            return run.errors().isEmpty() ? Cli.OK : Cli.REFUSED;
        } catch (ConnectionException e) {
            err().println("error: " + e.getMessage());
            return Cli.USAGE;
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    private int list(CheckService checks) {
        List<MigrationCheck> all = new java.util.ArrayList<>(checks.checks());
        all.sort(java.util.Comparator.comparing(MigrationCheck::stepId).thenComparing(MigrationCheck::id));
        if (json) {
            com.google.gson.JsonArray a = new com.google.gson.JsonArray();
            for (MigrationCheck c : all) {
                com.google.gson.JsonObject o = new com.google.gson.JsonObject();
                o.addProperty("id", c.id());
                o.addProperty("title", c.title());
                o.addProperty("step", c.stepId());
                o.addProperty("severity", c.severity().id());
                o.addProperty("task", c.taskId().orElse(null));
                a.add(o);
            }
            out().println(Json.pretty(a));
        } else {
            for (MigrationCheck c : all) {
                out().printf("%-40s %-10s %-8s %s%n", c.id(), c.stepId(), c.severity().id(), c.title());
            }
        }
        return Cli.OK;
    }

    private String stepId(String value) {
        List<StepStatus> steps = state().steps();
        if (value.matches("[0-9]+")) {
            if (value.length() > 9) {
                return null; // no int: the usage error names --step and the range
            }
            int n = Integer.parseInt(value);
            return n >= 1 && n <= steps.size() ? steps.get(n - 1).id() : null;
        }
        return steps.stream().map(StepStatus::id).filter(value::equals).findFirst().orElse(null);
    }

    private void printRun(CheckRun run) {
        out().println("Checks against '" + run.profileName() + "' at " + JournalCommand.TIME.format(run.startedAt())
                + ":");
        for (CheckOutcome o : run.outcomes()) {
            out().printf("%n[%s] %-40s %-8s %s%n", o.result().status().id().toUpperCase(Locale.ROOT), o.checkId(),
                    o.severity().id(), o.title());
            out().println("    " + o.result().message());
            for (String e : o.result().evidence()) {
                out().println("    evidence: " + e);
            }
            if (!o.result().remedy().isEmpty()) {
                out().println("    remedy: " + o.result().remedy());
            }
        }
        out().println();
        out().println(run.errors().isEmpty() ? "No blocking problems." : run.errors().size()
                + " blocking problem(s): " + String.join(", ", run.errors().stream().map(CheckOutcome::checkId)
                        .toList()));
    }
}
