package org.migrationconsole.step.bpa.internal.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.command.CommandContribution;
import org.migrationconsole.api.command.CommandEnvironment;
import org.migrationconsole.api.command.ExitCodes;
import org.migrationconsole.step.bpa.internal.BpaService;
import org.migrationconsole.step.bpa.internal.imports.MicrosoftBpaImport;
import org.migrationconsole.step.bpa.internal.rules.BpaRule;
import org.migrationconsole.step.bpa.internal.rules.Finding;
import org.migrationconsole.step.bpa.internal.store.BpaDiff;
import org.migrationconsole.step.bpa.internal.store.BpaRun;
import org.migrationconsole.step.bpa.internal.store.BpaStore;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bpa run|list|show|diff|rules}: step 8's Best Practices Analyzer of the destination. */
@Component(service = CommandContribution.class)
public class BpaCommand implements CommandContribution {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(
            ZoneId.systemDefault());

    @Reference
    private BpaService bpa;

    @Override
    public String name() {
        return "bpa";
    }

    @Override
    public String stepId() {
        return "bpa";
    }

    @Override
    public Object create(CommandEnvironment env) {
        return new Bpa(env, bpa);
    }

    @Command(name = "bpa", description = "The Best Practices Analyzer of the destination (step 8): run it, list the"
            + " kept runs, show one, compare two.", subcommands = { Run.class, ListRuns.class, Show.class, Diff.class,
                    RuleList.class, Import.class })
    static final class Bpa implements Callable<Integer> {
        final CommandEnvironment env;
        final BpaService bpa;

        Bpa(CommandEnvironment env, BpaService bpa) {
            this.env = env;
            this.bpa = bpa;
        }

        @Override
        public Integer call() {
            env.err().println("error: bpa needs a subcommand: run, list, show, diff, rules or import (bpa --help)");
            return ExitCodes.USAGE;
        }
    }

    abstract static class Sub implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        Bpa parent;
        @Option(names = "--json", description = "JSON on standard output")
        boolean json;

        CommandEnvironment env() {
            return parent.env;
        }

        PrintStream out() {
            return parent.env.out();
        }

        PrintStream err() {
            return parent.env.err();
        }

        BpaStore store() {
            return parent.bpa.store();
        }

        Optional<BpaRun> run(String ref, String option) {
            Optional<BpaRun> r = store().find(ref);
            if (r.isEmpty()) {
                err().println("error: " + option + " '" + ref + "': no such run (give an id or number from 'bpa list',"
                        + " or latest / previous)");
            }
            return r;
        }
    }

    @Command(name = "run", description = "Connect to the profile's destination (LDAP, DNS, SMB), run every rule and"
            + " keep the run in the workspace (bpa/runs/). Exit 1 when an error-severity rule fails.")
    static final class Run extends Sub {
        @Option(names = "--password-file", paramLabel = "FILE", description = "the password (first line; only its"
                + " owner may read the file); otherwise the first line of standard input")
        Path passwordFile;

        @Override
        public Integer call() {
            char[] password = null;
            try {
                Optional<ConnectionProfile> profile = env().workspaceProfile();
                if (profile.isEmpty()) {
                    err().println("error: this workspace has no profile yet; use 'profile import FILE'");
                    return ExitCodes.USAGE;
                }
                password = passwordFile != null ? env().readPasswordFile(passwordFile) : stdinPassword();
                if (password == null || password.length == 0) {
                    err().println("error: no password: give --password-file FILE or the password on standard input");
                    return ExitCodes.USAGE;
                }
                if (!json) {
                    err().println("Analyzing " + profile.get().destinationHost() + " ...");
                }
                BpaRun run = parent.bpa.run(profile.get(), password, f -> {
                    if (!json) {
                        err().println("  " + f.status() + "  " + f.ruleId());
                    }
                }, () -> false);
                print(run);
                return run.open().stream().anyMatch(f -> f.severity().equals("error")) ? ExitCodes.REFUSED
                        : ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (ConnectionException e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (IOException e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.FAILED;
            } finally {
                if (password != null) {
                    java.util.Arrays.fill(password, '\0');
                }
            }
        }

        private char[] stdinPassword() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = env().in().read()) != -1 && c != '\n' && sb.length() < 4096) {
                sb.append((char) c);
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r') {
                sb.setLength(sb.length() - 1);
            }
            char[] out = new char[sb.length()];
            sb.getChars(0, sb.length(), out, 0);
            sb.setLength(0);
            return out;
        }

        void print(BpaRun run) {
            if (json) {
                out().println(env().prettyJson(BpaStore.toJson(run)));
            } else {
                Show.text(out(), run);
            }
        }
    }

    @Command(name = "list", description = "The kept runs, oldest first: number, id, time, destination, open findings.")
    static final class ListRuns extends Sub {
        @Override
        public Integer call() {
            List<String> problems = new ArrayList<>();
            List<BpaRun> runs = store().runs(problems);
            problems.forEach(p -> err().println("warning: unreadable run " + p));
            if (json) {
                JsonArray a = new JsonArray();
                int n = 0;
                for (BpaRun r : runs) {
                    JsonObject o = new JsonObject();
                    o.addProperty("number", ++n);
                    o.addProperty("id", r.id());
                    o.addProperty("startedAt", r.startedAt().toString());
                    o.addProperty("origin", r.origin());
                    o.addProperty("destination", r.destination());
                    o.addProperty("rules", r.findings().size());
                    o.addProperty("open", r.open().size());
                    o.add("summary", BpaStore.toJson(r).get("summary"));
                    a.add(o);
                }
                JsonObject o = new JsonObject();
                o.add("runs", a);
                out().println(env().prettyJson(o));
                return ExitCodes.OK;
            }
            if (runs.isEmpty()) {
                out().println("No analyzer runs yet ('bpa run').");
            }
            int n = 0;
            for (BpaRun r : runs) {
                out().printf("%3d  %s  %s  %-8s %s  %d rules, %d open%n", ++n, r.id(), TIME.format(r.startedAt()),
                        r.origin(), r.destination(), r.findings().size(), r.open().size());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "One kept run with every finding's evidence and remedy.")
    static final class Show extends Sub {
        @Parameters(index = "0", paramLabel = "RUN", defaultValue = "latest", description = "id, number or latest")
        String ref;

        @Override
        public Integer call() {
            Optional<BpaRun> r = run(ref, "RUN");
            if (r.isEmpty()) {
                return ExitCodes.USAGE;
            }
            if (json) {
                out().println(env().prettyJson(BpaStore.toJson(r.get())));
            } else {
                text(out(), r.get());
            }
            return ExitCodes.OK;
        }

        static void text(PrintStream out, BpaRun run) {
            out.println("Best Practices Analyzer run " + run.id() + " (" + run.origin() + ") on " + run.destination()
                    + ": " + run.findings().size() + " rules, " + run.open().size() + " open finding(s), "
                    + run.count("pass") + " pass, " + run.count("skipped") + " skipped"
                    + (run.canceled() ? " (cancelled)" : ""));
            List<Finding> sorted = new ArrayList<>(run.findings());
            sorted.sort(java.util.Comparator.comparing((Finding f) -> !f.open()).thenComparing(f -> rank(f.severity())));
            for (Finding f : sorted) {
                out.printf("%-7s %-7s %s: %s%n", f.status(), f.severity(), f.ruleId(), f.message());
                if (f.open()) {
                    f.evidence().stream().limit(12).forEach(e -> out.println("          " + e));
                    out.println("          remedy: " + f.remedy());
                }
            }
        }

        static int rank(String severity) {
            return switch (severity) {
                case "error" -> 0;
                case "warning" -> 1;
                default -> 2;
            };
        }
    }

    @Command(name = "diff", description = "What changed between two runs: new findings, resolved ones and those still"
            + " open (RUN: id, number from 'bpa list', latest or previous).")
    static final class Diff extends Sub {
        @Parameters(index = "0", paramLabel = "RUN1", description = "the earlier run")
        String first;
        @Parameters(index = "1", paramLabel = "RUN2", description = "the later run")
        String second;

        @Override
        public Integer call() {
            Optional<BpaRun> a = run(first, "RUN1");
            Optional<BpaRun> b = a.isEmpty() ? Optional.empty() : run(second, "RUN2");
            if (a.isEmpty() || b.isEmpty()) {
                return ExitCodes.USAGE;
            }
            BpaDiff d = BpaDiff.of(a.get(), b.get());
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("from", d.from().id());
                o.addProperty("to", d.to().id());
                o.add("new", items(d.added(), null));
                o.add("resolved", items(d.resolved(), d));
                o.add("open", items(d.stillOpen(), null));
                out().println(env().prettyJson(o));
                return ExitCodes.OK;
            }
            out().println("From " + d.from().id() + " to " + d.to().id() + ": " + d.added().size() + " new, "
                    + d.resolved().size() + " resolved, " + d.stillOpen().size() + " still open");
            d.added().forEach(f -> out().println("  new       " + f.severity() + " " + f.ruleId() + ": " + f.message()));
            d.resolved().forEach(f -> out().println("  resolved  " + f.severity() + " " + f.ruleId() + ": was '"
                    + f.message() + "', now " + d.nowOf(f)));
            d.stillOpen().forEach(f -> out().println("  open      " + f.severity() + " " + f.ruleId() + ": "
                    + f.message()));
            return ExitCodes.OK;
        }

        private static JsonArray items(List<Finding> findings, BpaDiff resolvedIn) {
            JsonArray a = new JsonArray();
            for (Finding f : findings) {
                JsonObject o = new JsonObject();
                o.addProperty("id", f.ruleId());
                o.addProperty("title", f.title());
                o.addProperty("severity", f.severity());
                o.addProperty("status", f.status());
                o.addProperty("message", f.message());
                if (resolvedIn != null) {
                    o.addProperty("now", resolvedIn.nowOf(f));
                }
                a.add(o);
            }
            return a;
        }
    }

    @Command(name = "import", description = "Keep an exported result of Microsoft's own BPA as a run (origin"
            + " 'import'); the export format is not documented: the import reads 'Get-BpaResult | Export-Csv'"
            + " (unverified).")
    static final class Import extends Sub {
        @Parameters(index = "0", paramLabel = "FILE", description = "the exported result")
        Path file;

        @Override
        public Integer call() {
            try {
                String dest = env().workspaceProfile().map(ConnectionProfile::destinationHost).orElse("");
                BpaRun run = parent.bpa.keep(MicrosoftBpaImport.standard().read(file, dest));
                err().println("note: " + MicrosoftBpaImport.UNVERIFIED);
                if (json) {
                    out().println(env().prettyJson(BpaStore.toJson(run)));
                } else {
                    Show.text(out(), run);
                }
                return ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                err().println("error: FILE: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (IOException | ConnectionException e) {
                err().println("error: FILE " + file + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
    }

    @Command(name = "rules", description = "The analyzer's rules: id, category, severity, title (nothing is run).")
    static final class RuleList extends Sub {
        @Override
        public Integer call() {
            List<BpaRule> rules = parent.bpa.rules();
            if (json) {
                JsonArray a = new JsonArray();
                for (BpaRule r : rules) {
                    JsonObject o = new JsonObject();
                    o.addProperty("id", r.id());
                    o.addProperty("category", r.category());
                    o.addProperty("severity", r.severity());
                    o.addProperty("title", r.title());
                    a.add(o);
                }
                out().println(env().prettyJson(a));
            } else {
                rules.forEach(r -> out().printf("%-36s %-10s %-7s %s%n", r.id(), r.category(), r.severity(),
                        r.title()));
            }
            return ExitCodes.OK;
        }
    }
}
