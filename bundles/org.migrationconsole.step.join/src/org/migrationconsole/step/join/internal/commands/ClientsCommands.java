package org.migrationconsole.step.join.internal.commands;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.check.CheckStatus;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.command.CommandContribution;
import org.migrationconsole.api.command.CommandEnvironment;
import org.migrationconsole.api.command.ExitCodes;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.step.join.internal.checks.InventoryCheck;
import org.migrationconsole.step.join.internal.clients.Classifier;
import org.migrationconsole.step.join.internal.clients.Classifier.Classification;
import org.migrationconsole.step.join.internal.clients.Classifier.Kind;
import org.migrationconsole.step.join.internal.clients.Computer;
import org.migrationconsole.step.join.internal.clients.InventoryLine;
import org.migrationconsole.step.join.internal.clients.Marks;
import org.migrationconsole.step.join.internal.clients.Marks.Mark;
import org.migrationconsole.step.join.internal.clients.StoredInventory;
import org.migrationconsole.step.join.internal.clients.StoredInventory.Snapshot;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clients list|mark}: step 3's inventory of computer accounts and the administrator's marks.
 * {@code list} reads the directory by running step 3's checks (stored and journalled like
 * {@code check --step join}, so the gate of {@code join.connector} is current afterwards);
 * {@code list --cached} and {@code mark} use the inventory of the latest run.
 */
@Component(service = CommandContribution.class)
public class ClientsCommands implements CommandContribution {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CheckService checks;

    @Override
    public String name() {
        return "clients";
    }

    @Override
    public String stepId() {
        return "join";
    }

    @Override
    public Object create(CommandEnvironment env) {
        return new Root(env, checks);
    }

    @Command(name = "clients", description = "Step 3: the computer accounts of the source domain, classified, and"
            + " which are connected to the destination or excluded.", subcommands = { ListCommand.class,
                    MarkCommand.class, GpResultCommand.class })
    static final class Root implements Callable<Integer> {
        final CommandEnvironment env;
        final CheckService checks;
        @Spec
        CommandSpec spec;

        Root(CommandEnvironment env, CheckService checks) {
            this.env = env;
            this.checks = checks;
        }

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "clients takes list [--json] [--stale-days N]"
                    + " [--cached], mark NAME connected|excluded --reason TEXT or gpresult NAME FILE");
        }

        /** The inventory of the latest run stored in the workspace, if any. */
        Optional<Snapshot> cached() throws java.io.IOException {
            return StoredInventory.latest(env.state().workspace().directory());
        }
    }

    @Command(name = "list", description = "Read the computer accounts (runs step 3's checks; password from the file,"
            + " else the first line of standard input) and list them with their class and mark.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        Root root;
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "print a JSON document")
        boolean json;
        @Option(names = "--stale-days", paramLabel = "N", description = "stale after N days without a logon, for"
                + " this listing (default: step 3's input stale-days, else 90)")
        String staleDays;
        @Option(names = "--cached", description = "list the inventory of the latest check run without connecting")
        boolean cached;
        @Option(names = "--password-file", paramLabel = "FILE", description = "the administrator's password (first"
                + " line; only its owner may read the file)")
        Path passwordFile;

        @Override
        public Integer call() throws Exception {
            CommandEnvironment env = root.env;
            int days;
            if (staleDays != null) {
                if (!staleDays.matches("[1-9][0-9]{0,3}")) {
                    throw new ParameterException(spec.commandLine(), "--stale-days '" + staleDays
                            + "': must be a whole number of days from 1 to 9999");
                }
                days = Integer.parseInt(staleDays);
            } else {
                try {
                    days = Marks.staleDays(env.state());
                } catch (IllegalArgumentException e) {
                    env.err().println("error: " + e.getMessage() + "; correct it in step 3's editor or give"
                            + " --stale-days N");
                    return ExitCodes.USAGE;
                }
            }
            Snapshot snap;
            if (cached) {
                if (passwordFile != null) {
                    throw new ParameterException(spec.commandLine(), "--cached reads no directory: leave out"
                            + " --password-file");
                }
                Optional<Snapshot> s = root.cached();
                if (s.isEmpty()) {
                    env.err().println("refused: no inventory in this workspace yet; 'clients list' (without"
                            + " --cached) reads the directory");
                    return ExitCodes.REFUSED;
                }
                snap = s.get();
            } else {
                Optional<Snapshot> s = live(env);
                if (s.isEmpty()) {
                    return lastExit;
                }
                snap = s.get();
            }
            print(env, snap, new Classifier(days), cached);
            return ExitCodes.OK;
        }

        private int lastExit = ExitCodes.OK;

        private Optional<Snapshot> live(CommandEnvironment env) throws Exception {
            if (root.checks == null) {
                env.err().println("error: the check service is not installed (org.migrationconsole.connect)");
                lastExit = ExitCodes.USAGE;
                return Optional.empty();
            }
            char[] password = null;
            try {
                Optional<ConnectionProfile> profile = env.workspaceProfile();
                if (profile.isEmpty()) {
                    env.err().println("error: the workspace has no connection profile; import one with 'profile"
                            + " import FILE' or save one in the console");
                    lastExit = ExitCodes.USAGE;
                    return Optional.empty();
                }
                if (passwordFile != null) {
                    try {
                        password = env.readPasswordFile(passwordFile);
                    } catch (java.io.IOException | ConnectionException e) {
                        throw new ParameterException(spec.commandLine(), "--password-file: " + e.getMessage());
                    }
                } else {
                    password = firstLine(env);
                }
                CheckRun run = root.checks.run(profile.get(), password, "join", o -> {
                }, () -> false);
                for (CheckOutcome o : run.outcomes()) {
                    if (o.checkId().equals(InventoryCheck.ID)) {
                        if (o.result().status() != CheckStatus.PASS) {
                            env.err().println("error: the inventory could not be read: " + o.result().message());
                            lastExit = ExitCodes.REFUSED;
                            return Optional.empty();
                        }
                        return Optional.of(new Snapshot(o.finishedAt(),
                                InventoryLine.parseAll(o.result().evidence())));
                    }
                }
                env.err().println("error: check " + InventoryCheck.ID + " did not run");
                lastExit = ExitCodes.REFUSED;
                return Optional.empty();
            } catch (ConnectionException e) {
                env.err().println("error: " + e.getMessage());
                lastExit = ExitCodes.USAGE;
                return Optional.empty();
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        }

        private char[] firstLine(CommandEnvironment env) throws java.io.IOException {
            BufferedReader r = new BufferedReader(new InputStreamReader(env.in(), StandardCharsets.UTF_8));
            String line = r.readLine();
            if (line == null || line.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no password: give --password-file FILE or the"
                        + " password as the first line of standard input");
            }
            return line.toCharArray();
        }

        private void print(CommandEnvironment env, Snapshot snap, Classifier classifier, boolean fromCache) {
            LocalDate today = Instant.now().atZone(ZoneOffset.UTC).toLocalDate();
            Map<String, Mark> marks = Marks.read(env.state());
            List<String> left = new ArrayList<>();
            int active = 0;
            JsonArray arr = new JsonArray();
            List<String[]> rows = new ArrayList<>();
            for (Computer c : snap.computers()) {
                Classification k = classifier.classify(c, today);
                Optional<Mark> m = Marks.of(marks, c.name());
                if (k.active()) {
                    active++;
                    if (m.isEmpty()) {
                        left.add(c.name());
                    }
                }
                JsonObject o = new JsonObject();
                o.addProperty("name", c.name());
                o.addProperty("class", k.kind().id());
                o.addProperty("active", k.active());
                o.addProperty("system", classifier.systemKind(c).id());
                o.addProperty("operatingSystem", c.os().isEmpty() ? null : c.os());
                o.addProperty("servicePack", c.servicePack().isEmpty() ? null : c.servicePack());
                o.addProperty("enabled", c.enabled());
                o.addProperty("lastLogon", c.lastLogon() == null ? null : c.lastLogon().toString());
                o.addProperty("idleDays", k.idleDays() < 0 ? null : k.idleDays());
                o.addProperty("passwordSet", c.passwordSet() == null ? null : c.passwordSet().toString());
                o.addProperty("created", c.created() == null ? null : c.created().toString());
                o.addProperty("dnsName", c.dnsName());
                o.addProperty("dnsRecord", c.dnsKnown() ? c.hasDnsRecord() : null);
                JsonArray addrs = new JsonArray();
                c.addresses().forEach(addrs::add);
                o.add("dnsAddresses", addrs);
                o.addProperty("why", k.why());
                o.addProperty("dn", c.dn());
                if (m.isPresent()) {
                    JsonObject mo = new JsonObject();
                    mo.addProperty("state", m.get().state());
                    mo.addProperty("reason", m.get().reason());
                    mo.addProperty("at", m.get().at().toString());
                    mo.addProperty("by", m.get().who());
                    o.add("mark", mo);
                } else {
                    o.add("mark", com.google.gson.JsonNull.INSTANCE);
                }
                arr.add(o);
                rows.add(new String[] { c.name(), k.kind().id(), c.os() + (c.servicePack().isEmpty() ? ""
                        : " " + c.servicePack()), c.enabled() ? "yes" : "no",
                        c.lastLogon() == null ? "never" : c.lastLogon().toString(),
                        !c.dnsKnown() ? "?" : c.addresses().isEmpty() ? "none" : String.join(",", c.addresses()),
                        m.map(x -> x.state() + (x.reason() == null ? "" : ": " + x.reason()))
                                .orElse(k.active() ? "(not accounted for)" : "-") });
            }
            PrintStream out = env.out();
            if (json) {
                JsonObject doc = new JsonObject();
                doc.addProperty("readAt", snap.readAt() == null ? null : snap.readAt().toString());
                doc.addProperty("source", fromCache ? "cached" : "directory");
                doc.addProperty("staleDays", classifier.staleDays());
                doc.add("computers", arr);
                JsonObject sum = new JsonObject();
                sum.addProperty("computers", snap.computers().size());
                sum.addProperty("active", active);
                sum.addProperty("accounted", active - left.size());
                JsonArray l = new JsonArray();
                left.forEach(l::add);
                sum.add("left", l);
                doc.add("summary", sum);
                out.println(env.prettyJson(doc));
                return;
            }
            out.println("Computer accounts" + (snap.readAt() == null ? "" : " read " + snap.readAt())
                    + (fromCache ? " (cached)" : "") + "; stale after " + classifier.staleDays()
                    + " days without a logon:");
            String[] head = { "NAME", "CLASS", "SYSTEM", "ENABLED", "LAST LOGON", "DNS A", "MARK" };
            int[] width = new int[head.length];
            for (String[] r : java.util.stream.Stream.concat(java.util.stream.Stream.<String[]>of(head), rows.stream())
                    .toList()) {
                for (int i = 0; i < r.length - 1; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            for (String[] r : java.util.stream.Stream.concat(java.util.stream.Stream.<String[]>of(head), rows.stream())
                    .toList()) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    line.append(i == r.length - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
                }
                out.println(line.toString().stripTrailing());
            }
            out.println();
            out.println(active + " active computers, " + (active - left.size()) + " accounted for"
                    + (left.isEmpty() ? "." : ", " + left.size() + " left: " + String.join(", ", left) + "."));
        }
    }

    @Command(name = "mark", description = "Record that a computer is connected to the destination (the Connector"
            + " is installed) or excluded, with the reason; kept in the journal (task join.connector).")
    static final class MarkCommand implements Callable<Integer> {
        @ParentCommand
        Root root;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "the computer, as 'clients list' names it")
        String name;
        @Parameters(index = "1", paramLabel = "STATE", description = "connected or excluded")
        String state;
        @Option(names = "--reason", paramLabel = "TEXT", description = "why it is excluded (required for excluded)")
        String reason;

        @Override
        public Integer call() throws Exception {
            CommandEnvironment env = root.env;
            if (name.isEmpty() || name.length() > 64 || !name.matches("[^\\s\\\\/:*?\"<>|\\p{Cntrl}]+")) {
                throw new ParameterException(spec.commandLine(), "NAME '" + name + "': a computer name is 1 to 64"
                        + " characters without spaces, control characters or \\ / : * ? \" < > |");
            }
            boolean connected;
            switch (state) {
                case "connected" -> connected = true;
                case "excluded" -> connected = false;
                default -> throw new ParameterException(spec.commandLine(), "STATE '" + state
                        + "': must be connected or excluded");
            }
            String why = reason == null ? null : reason.strip();
            if (why != null) {
                if (why.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--reason: must not be empty");
                }
                if (why.length() > Marks.MAX_REASON) {
                    throw new ParameterException(spec.commandLine(), "--reason: at most " + Marks.MAX_REASON
                            + " characters (it has " + why.length() + ")");
                }
                if (why.chars().anyMatch(Character::isISOControl)) {
                    throw new ParameterException(spec.commandLine(), "--reason: one line of text without control"
                            + " characters");
                }
            }
            if (!connected && why == null) {
                throw new ParameterException(spec.commandLine(), "--reason: required for excluded (say why the"
                        + " computer gets no Connector)");
            }
            Optional<Snapshot> snap = root.cached();
            if (snap.isEmpty()) {
                env.err().println("refused: no inventory in this workspace yet; run 'clients list' first (it reads"
                        + " the computer accounts)");
                return ExitCodes.REFUSED;
            }
            Computer computer = snap.get().computers().stream().filter(c -> c.name().equalsIgnoreCase(name))
                    .findFirst().orElse(null);
            if (computer == null) {
                throw new ParameterException(spec.commandLine(), "NAME '" + name + "': no computer account of that"
                        + " name in the inventory read " + snap.get().readAt() + "; 'clients list' reads it again");
            }
            Classifier classifier = new Classifier(Classifier.DEFAULT_STALE_DAYS);
            Kind kind = classifier.systemKind(computer);
            if (kind == Kind.DOMAIN_CONTROLLER) {
                env.err().println("refused: " + computer.name() + " is a domain controller, not a client; step 3 does"
                        + " not count it");
                return ExitCodes.REFUSED;
            }
            if (connected && kind == Kind.LEGACY) {
                env.err().println("refused: " + computer.name() + " runs " + computer.os() + ", on which the"
                        + " Connector does not run (Windows 2000, XP and Vista); mark it excluded with a reason");
                return ExitCodes.REFUSED;
            }
            Optional<Mark> before = Marks.of(Marks.read(env.state()), computer.name());
            if (before.isPresent() && before.get().connected() == connected
                    && java.util.Objects.equals(before.get().reason(), why)) {
                env.out().println(computer.name() + " is already marked " + before.get().state()
                        + (before.get().reason() == null ? "" : " (" + before.get().reason() + ")") + " since "
                        + before.get().at() + "; nothing recorded.");
                return ExitCodes.OK;
            }
            try {
                env.state().addNote(Marks.TASK, connected && why != null
                        ? Marks.note(computer.name(), true, null) + ": " + why
                        : Marks.note(computer.name(), connected, why));
            } catch (MigrationRuleException e) {
                env.err().println("refused: " + e.getMessage());
                return ExitCodes.REFUSED;
            }
            env.out().println(computer.name() + " marked " + (connected ? "connected" : "excluded (" + why + ")")
                    + ". 'clients list' (or the checks of step 3) updates check clients.accounted, which gates task "
                    + Marks.TASK + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "gpresult", description = "Read a client's 'gpresult /r' output (saved to FILE) for where Group"
            + " Policy came from; journalled on task join.verify-group-policy; exit 1 unless every section names"
            + " the destination.")
    static final class GpResultCommand implements Callable<Integer> {
        /** The largest file read. */
        static final long MAX = 1L << 20;
        @ParentCommand
        Root root;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "the computer the output comes from")
        String name;
        @Parameters(index = "1", paramLabel = "FILE", description = "the output of gpresult /r (English), as saved"
                + " or pasted into a file")
        Path file;
        @Option(names = "--json", description = "print a JSON document")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CommandEnvironment env = root.env;
            if (name.isEmpty() || name.length() > 64 || !name.matches("[^\\s\\\\/:*?\"<>|\\p{Cntrl}]+")) {
                throw new ParameterException(spec.commandLine(), "NAME '" + name + "': a computer name is 1 to 64"
                        + " characters without spaces, control characters or \\ / : * ? \" < > |");
            }
            if (!java.nio.file.Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new ParameterException(spec.commandLine(), "FILE '" + file + "': not a regular file");
            }
            if (java.nio.file.Files.size(file) > MAX) {
                throw new ParameterException(spec.commandLine(), "FILE '" + file + "': larger than 1 MiB; gpresult"
                        + " /r output is a few KiB");
            }
            Optional<ConnectionProfile> profile = env.workspaceProfile();
            String destination = profile.map(ConnectionProfile::destinationHost).orElse(null);
            if (destination == null || destination.isBlank()) {
                env.err().println("error: the workspace profile names no destination.host, so there is nothing to"
                        + " compare with; import a profile that has it ('profile import FILE')");
                return ExitCodes.USAGE;
            }
            Optional<Snapshot> snap = root.cached();
            if (snap.isPresent() && snap.get().computers().stream().noneMatch(c -> c.name().equalsIgnoreCase(name))) {
                throw new ParameterException(spec.commandLine(), "NAME '" + name + "': no computer account of that"
                        + " name in the inventory read " + snap.get().readAt() + "; 'clients list' reads it again");
            }
            List<org.migrationconsole.step.join.internal.clients.GpResult.Section> sections =
                    org.migrationconsole.step.join.internal.clients.GpResult.parse(
                            org.migrationconsole.step.join.internal.clients.GpResult.decode(
                                    java.nio.file.Files.readAllBytes(file)));
            if (sections.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "FILE '" + file + "': no 'Group Policy was applied"
                        + " from:' line; give the output of gpresult /r from an English Windows (other languages are"
                        + " not recognised)");
            }
            String source = profile.get().sourceHost();
            List<String> parts = new ArrayList<>();
            boolean allDestination = true;
            JsonArray arr = new JsonArray();
            for (var sec : sections) {
                boolean dest = org.migrationconsole.step.join.internal.clients.GpResult.sameServer(sec.appliedFrom(),
                        destination);
                boolean src = org.migrationconsole.step.join.internal.clients.GpResult.sameServer(sec.appliedFrom(),
                        source);
                String who = dest ? "the destination" : src ? "the source" : "another server";
                allDestination &= dest;
                parts.add(sec.name() + " from " + sec.appliedFrom() + " (" + who + ")");
                JsonObject o = new JsonObject();
                o.addProperty("section", sec.name());
                o.addProperty("appliedFrom", sec.appliedFrom());
                o.addProperty("lastApplied", sec.lastApplied());
                o.addProperty("server", dest ? "destination" : src ? "source" : "other");
                arr.add(o);
            }
            String computerName = snap.flatMap(s -> s.computers().stream().filter(c -> c.name().equalsIgnoreCase(name))
                    .findFirst()).map(Computer::name).orElse(name);
            try {
                env.state().addNote("join.verify-group-policy", "gpresult of " + computerName + ": "
                        + String.join("; ", parts));
            } catch (MigrationRuleException e) {
                env.err().println("refused: " + e.getMessage());
                return ExitCodes.REFUSED;
            }
            if (json) {
                JsonObject doc = new JsonObject();
                doc.addProperty("computer", computerName);
                doc.addProperty("destination", destination);
                doc.addProperty("fromDestination", allDestination);
                doc.add("sections", arr);
                env.out().println(env.prettyJson(doc));
            } else {
                env.out().println(computerName + ": " + String.join("; ", parts) + ".");
                if (!allDestination) {
                    env.out().println("Not yet from the destination: on " + computerName + " run gpupdate /force and"
                            + " gpresult /r again; if the destination still does not show, open rsop.msc, expand the"
                            + " node marked with an X and read View Error.");
                }
            }
            return allDestination ? ExitCodes.OK : ExitCodes.REFUSED;
        }
    }
}
