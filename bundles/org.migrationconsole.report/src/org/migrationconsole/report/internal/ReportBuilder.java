package org.migrationconsole.report.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.CheckStatus;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.Severity;
import org.migrationconsole.api.state.ClockStatus;
import org.migrationconsole.api.state.JournalEntry;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.MissingPluginTask;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.api.step.MigrationClock;
import org.migrationconsole.api.step.StepInput;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.history.CheckHistory;
import org.migrationconsole.report.Block;
import org.migrationconsole.report.Block.Callout;
import org.migrationconsole.report.Block.Chart;
import org.migrationconsole.report.Block.Fact;
import org.migrationconsole.report.Block.Facts;
import org.migrationconsole.report.Block.Heading;
import org.migrationconsole.report.Block.Paragraph;
import org.migrationconsole.report.Block.Row;
import org.migrationconsole.report.Block.Series;
import org.migrationconsole.report.Block.Signatures;
import org.migrationconsole.report.Block.Table;
import org.migrationconsole.report.Report;
import org.migrationconsole.report.ReportContext;
import org.migrationconsole.report.ReportSectionContributor;
import org.migrationconsole.report.Section;
import org.migrationconsole.report.Tone;

/**
 * Builds the report's own sections from the state service, the profile and the check history,
 * and places the contributed sections among them. Reads the workspace only: never secure
 * storage, never a password file.
 */
public final class ReportBuilder {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter RUN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter RUN_SECONDS = DateTimeFormatter.ofPattern("d MMM HH:mm:ss",
            Locale.ENGLISH);

    private final MigrationStateService state;
    private final List<ReportSectionContributor> contributors;
    private final Instant now;
    private final ZoneId zone;
    private final Path workspace;
    private final Optional<ConnectionProfile> profile;
    /** Where {@link #profile} comes from, for the summary (null without a profile). */
    private final String profileOrigin;
    private final List<CheckRun> runs;

    public ReportBuilder(MigrationStateService state, List<ReportSectionContributor> contributors, Instant now,
            ZoneId zone) {
        this.state = state;
        this.contributors = List.copyOf(contributors);
        this.now = now;
        this.zone = zone;
        this.workspace = state.workspace().directory();
        CheckHistory history = CheckHistory.of(workspace);
        this.runs = history.runs();
        Optional<ConnectionProfile> imported = readProfile(workspace);
        if (imported.isPresent()) {
            this.profile = imported;
            this.profileOrigin = "imported into the workspace";
        } else {
            // checks run with --profile only: the profile that run used (kept by the check runner)
            this.profile = history.profileUsed();
            this.profileOrigin = profile.isEmpty() ? null : "not imported; as used by the check run of "
                    + format(runs.isEmpty() ? null : runs.get(runs.size() - 1).startedAt());
        }
    }

    private static Optional<ConnectionProfile> readProfile(Path workspace) {
        Path f = workspace.resolve(ProfileFile.WORKSPACE_PROFILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProfileFile.read(f));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    String format(Instant at) {
        return at == null ? "–" : TIME.format(at.atZone(zone));
    }

    public Report build() {
        ReportContext context = new ReportContext() {
            @Override
            public MigrationStateService state() {
                return state;
            }

            @Override
            public Path workspace() {
                return workspace;
            }

            @Override
            public Optional<ConnectionProfile> profile() {
                return profile;
            }

            @Override
            public Instant generatedAt() {
                return now;
            }

            @Override
            public ZoneId zone() {
                return zone;
            }

            @Override
            public String format(Instant at) {
                return ReportBuilder.this.format(at);
            }
        };
        List<StepStatus> steps = state.steps();
        TreeMap<Integer, List<Section>> placed = new TreeMap<>();
        placed.computeIfAbsent(100, k -> new ArrayList<>()).add(summary(steps));
        placed.computeIfAbsent(200, k -> new ArrayList<>()).add(timeline(steps));
        placed.computeIfAbsent(300, k -> new ArrayList<>()).add(clocks());
        placed.computeIfAbsent(400, k -> new ArrayList<>()).add(findings());
        List<String> failedContributors = new ArrayList<>();
        for (ReportSectionContributor c : contributors) {
            try {
                List<Section> s = c.sections(context);
                if (s != null && !s.isEmpty()) {
                    placed.computeIfAbsent(c.order(), k -> new ArrayList<>()).addAll(s);
                }
            } catch (RuntimeException e) {
                failedContributors.add(c.getClass().getName());
            }
        }
        placed.computeIfAbsent(900, k -> new ArrayList<>()).add(openItems(steps, failedContributors));
        placed.computeIfAbsent(920, k -> new ArrayList<>()).add(recorded(steps));
        placed.computeIfAbsent(950, k -> new ArrayList<>()).add(journal());
        placed.computeIfAbsent(1000, k -> new ArrayList<>()).add(signOff());
        List<Section> sections = new ArrayList<>();
        placed.values().forEach(sections::addAll);
        String company = company();
        String subtitle = "From Windows Small Business Server 2003" + profile.map(p -> " (" + p.sourceHost() + ")").orElse("")
                + " to " + profile.map(p -> p.target().label()).orElse("Windows Server Essentials");
        return new Report("Migration report" + (company.isEmpty() ? "" : " — " + company), subtitle, now, zone,
                sections);
    }

    private String company() {
        return profile.map(p -> p.name() != null && !p.name().isBlank() ? p.name() : p.domain()).orElse("");
    }

    // ---------------------------------------------------------------- summary

    private Section summary(List<StepStatus> steps) {
        int done = 0;
        int total = 0;
        for (StepStatus s : steps) {
            done += s.done();
            total += s.total();
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Company / site", company().isEmpty()
                ? "(no connection profile imported, and no check run has used one)" : company()));
        profile.ifPresent(p -> {
            facts.add(new Fact("Connection profile", (p.name() != null && !p.name().isBlank() ? p.name() + ", " : "")
                    + profileOrigin + "; directory connection " + security(p.ldapSecurity())));
            facts.add(new Fact("Source server", p.sourceHost() + p.sourceAddressIfKnown().map(a -> " (" + a + ")").orElse("")
                    + ", domain " + p.domain() + (p.netbiosDomain() != null ? " (" + p.netbiosDomain() + ")" : "")));
            facts.add(new Fact("Destination server", p.destinationHost() == null ? "not named yet"
                    : p.destinationHost() + p.destinationAddressIfKnown().map(a -> " (" + a + ")").orElse("")));
            facts.add(new Fact("Target version", p.target().label() + " (up to " + p.target().maxUsers() + " users, "
                    + p.target().maxDevices() + " devices)"));
        });
        facts.add(new Fact("Install path", "b".equals(state.path())
                ? "B: a replica domain controller, then the roles are transferred"
                : "A: Essentials setup in migration mode"));
        facts.add(new Fact("Progress", done + " of " + total + " tasks done in " + steps.size() + " steps"));
        facts.add(new Fact("Report generated", format(now) + " (" + zoneName() + ")"));

        List<Block> blocks = new ArrayList<>();
        blocks.add(new Facts(facts));
        long failing = latestFindings().stream().filter(o -> o.result().status() != CheckStatus.PASS
                && o.result().status() != CheckStatus.SKIPPED).count();
        long blocking = latestFindings().stream().filter(CheckOutcome::blocks).count();
        Optional<TaskStatus> next = state.nextRecommended();
        if (total > 0 && done == total) {
            blocks.add(new Callout(Tone.GOOD, "Migration complete", "Every task of every step is completed or "
                    + "deliberately skipped. The sections below record what was done, when and by whom."));
        } else {
            String text = done + " of " + total + " tasks are done."
                    + next.map(t -> " Next: " + t.descriptor().title() + ".").orElse("")
                    + (blocking > 0 ? " " + blocking + " pre-flight finding" + (blocking == 1 ? " blocks" : "s block")
                            + " a task." : "");
            blocks.add(new Callout(blocking > 0 ? Tone.WARNING : Tone.INFO, "Migration in progress", text));
        }
        if (!runs.isEmpty() && failing == 0) {
            blocks.add(new Paragraph("The latest pre-flight checks found nothing left to fix."));
        }
        List<String> cats = new ArrayList<>();
        List<Double> doneV = new ArrayList<>();
        List<Double> openV = new ArrayList<>();
        for (StepStatus s : steps) {
            cats.add(s.step().title());
            doneV.add((double) s.done());
            openV.add((double) (s.total() - s.done()));
        }
        if (!steps.isEmpty()) {
            blocks.add(Block.of("Progress by step (tasks)", cats, List.of(new Series("Done", Tone.GOOD, doneV),
                    new Series("Open", Tone.MUTED, openV)), true));
        }
        if (!state.workspace().warnings().isEmpty()) {
            blocks.add(new Callout(Tone.WARNING, "Workspace", String.join(" ", state.workspace().warnings())));
        }
        if (profile.map(p -> p.ldapSecurity() == org.migrationconsole.api.check.ConnectionProfile.LdapSecurity.PLAIN)
                .orElse(false)) {
            blocks.add(new Callout(Tone.WARNING, "Unencrypted directory connection", "The connection profile chooses"
                    + " plain LDAP (source.ldap.security=plain): the administrator's password and every answer of the"
                    + " source server cross the network unencrypted. Kerberos (the default without a certificate)"
                    + " or LDAPS protects them; the journal records every run made this way."));
        }
        return new Section("summary", "Summary", "What was migrated, from where to where, and how far it got.",
                blocks);
    }

    private static String security(ConnectionProfile.LdapSecurity s) {
        return switch (s) {
            case KERBEROS -> "Kerberos (signed and encrypted)";
            case LDAPS -> "LDAPS (TLS)";
            case STARTTLS -> "StartTLS";
            case PLAIN -> "plain LDAP (unencrypted)";
        };
    }

    private String zoneName() {
        return "times in " + zone.getId();
    }

    // ---------------------------------------------------------------- timeline

    private Section timeline(List<StepStatus> steps) {
        List<JournalEntry> journal = state.journal();
        List<Row> rows = new ArrayList<>();
        for (StepStatus s : steps) {
            Instant started = null;
            Set<String> who = new LinkedHashSet<>();
            for (JournalEntry e : journal) {
                if (JournalEntry.TRANSITION.equals(e.type()) && e.taskId() != null
                        && e.taskId().startsWith(s.id() + ".") && !"not-started".equals(e.to())) {
                    if (started == null) {
                        started = e.at();
                    }
                    who.add(e.who());
                }
            }
            Instant completed = null;
            boolean all = s.total() > 0 && s.done() == s.total();
            if (all) {
                completed = s.tasks().stream().map(TaskStatus::changedAt).filter(x -> x != null)
                        .max(Comparator.naturalOrder()).orElse(null);
            }
            Tone tone = all ? Tone.GOOD : started != null ? Tone.INFO : Tone.MUTED;
            String status = all ? "Completed" : started != null ? "In progress" : "Not started";
            rows.add(new Row(List.of(status, s.step().title(), format(started), all ? format(completed) : "–",
                    s.done() + " / " + s.total(), String.join(", ", who)), tone));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(List.of("Status", "Step", "Started", "Completed", "Tasks done", "By"),
                List.of(14, 33, 16, 16, 9, 12), rows, "No steps are installed."));
        // tasks completed per day
        TreeMap<LocalDate, double[]> perDay = new TreeMap<>();
        for (JournalEntry e : journal) {
            if (JournalEntry.TRANSITION.equals(e.type()) && ("completed".equals(e.to()) || "skipped".equals(e.to()))) {
                double[] v = perDay.computeIfAbsent(e.at().atZone(zone).toLocalDate(), d -> new double[2]);
                v[("completed".equals(e.to())) ? 0 : 1]++;
            }
        }
        if (!perDay.isEmpty()) {
            // every day from the first to the last, so quiet days show as gaps
            LocalDate first = perDay.firstKey();
            LocalDate last = perDay.lastKey();
            List<String> cats = new ArrayList<>();
            List<Double> completed = new ArrayList<>();
            List<Double> skipped = new ArrayList<>();
            if (Duration.between(first.atStartOfDay(), last.atStartOfDay()).toDays() <= 60) {
                for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                    double[] v = perDay.getOrDefault(d, new double[2]);
                    cats.add(DAY.format(d));
                    completed.add(v[0]);
                    skipped.add(v[1]);
                }
            } else {
                perDay.forEach((d, v) -> {
                    cats.add(DAY.format(d));
                    completed.add(v[0]);
                    skipped.add(v[1]);
                });
            }
            blocks.add(Block.of("Tasks completed per day", cats, List.of(new Series("Completed", Tone.GOOD, completed),
                    new Series("Skipped", Tone.MUTED, skipped)), false));
        }
        blocks.add(new Heading("Milestones"));
        List<Row> milestones = new ArrayList<>();
        for (JournalEntry e : journal) {
            if (JournalEntry.TRANSITION.equals(e.type()) && "completed".equals(e.to()) && e.taskId() != null) {
                Optional<TaskStatus> t = state.task(e.taskId());
                if (t.isPresent() && (t.get().descriptor().startsClock().isPresent()
                        || t.get().descriptor().stopsClock().isPresent())) {
                    milestones.add(new Row(List.of(format(e.at()), t.get().descriptor().title(), e.who(),
                            e.note() == null ? "" : e.note()), Tone.NEUTRAL));
                }
            } else if (JournalEntry.PATH.equals(e.type())) {
                milestones.add(new Row(List.of(format(e.at()), "Install path " + e.to().toUpperCase(Locale.ROOT)
                        + " chosen", e.who(), e.note() == null ? "" : e.note()), Tone.NEUTRAL));
            }
        }
        blocks.add(new Table(List.of("When", "What", "By", "Note"), List.of(18, 40, 12, 30), milestones,
                "No milestone reached yet (the clocks start when the preparation tool has run)."));
        return new Section("timeline", "Timeline", "When each step started and was completed, and by whom.", blocks);
    }

    // ---------------------------------------------------------------- clocks

    private Section clocks() {
        List<Row> rows = new ArrayList<>();
        List<String> cats = new ArrayList<>();
        List<Double> used = new ArrayList<>();
        List<Double> left = new ArrayList<>();
        List<Double> over = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (ClockStatus c : state.clocks()) {
            String name = clockName(c.clock());
            String outcome = switch (c.level()) {
                case NOT_STARTED -> "Not started";
                case DONE -> c.clock().kind() == MigrationClock.Kind.HOLD ? "Hold over"
                        : "Met in time" + (c.stoppedAt() != null && c.endsAt() != null ? ", "
                                + days(Duration.between(c.stoppedAt(), c.endsAt())) + " to spare" : "");
                case EXPIRED -> "Ran out";
                default -> "Running";
            };
            Tone tone = switch (c.level()) {
                case NOT_STARTED -> Tone.MUTED;
                case DONE -> Tone.GOOD;
                case RUNNING -> Tone.INFO;
                case WARNING -> Tone.WARNING;
                case CRITICAL, EXPIRED -> Tone.BAD;
            };
            rows.add(new Row(List.of(outcome, name, c.clock().limit().toDays() + " days", format(c.startedAt()),
                    c.stoppedAt() != null ? format(c.stoppedAt()) : format(c.endsAt()), c.message()), tone));
            double limit = c.clock().limit().toHours() / 24.0;
            cats.add(name);
            if (c.startedAt() == null) {
                used.add(0.0);
                left.add(limit);
                over.add(0.0);
                labels.add("not started");
            } else {
                Instant end = c.stoppedAt() != null ? c.stoppedAt() : now;
                double u = Duration.between(c.startedAt(), end).toMinutes() / 1440.0;
                used.add(round1(Math.min(u, limit)));
                left.add(round1(Math.max(0, limit - u)));
                over.add(round1(Math.max(0, u - limit)));
                labels.add(ChartLayout.num(round1(u)) + " of " + c.clock().limit().toDays() + " days");
            }
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Microsoft's migration sets three time limits: 14 days from running the preparation "
                + "tool to installing the new server and 21 days in which both servers may run side by side; the "
                + "console adds a 7-day hold before the old server may be reformatted."));
        blocks.add(new Table(List.of("Outcome", "Clock", "Limit", "Started", "Stopped / ends", "Detail"),
                List.of(12, 18, 8, 15, 15, 32), rows, "No clocks."));
        if (!cats.isEmpty()) {
            blocks.add(new Chart("Days used of each limit", cats, List.of(new Series("Used", Tone.INFO, used),
                    new Series("Left", Tone.MUTED, left), new Series("Over the limit", Tone.BAD, over)), true, null,
                    " days", labels));
        }
        return new Section("clocks", "Clocks", "The migration's deadlines and how they ended.", blocks);
    }

    private static String clockName(MigrationClock c) {
        return switch (c) {
            case PREPARATION_TOOL -> "Preparation tool to new server";
            case DESTINATION_INSTALLED -> "Both servers side by side";
            case SOURCE_REMOVED -> "Hold before reformatting";
        };
    }

    private static String days(Duration d) {
        long hours = d.toHours();
        if (hours < 48) {
            return hours + " hours";
        }
        return (hours / 24) + " days";
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    // ---------------------------------------------------------------- findings

    private List<CheckOutcome> latestFindings() {
        return runs.isEmpty() ? List.of() : runs.get(runs.size() - 1).outcomes();
    }

    static int rank(CheckOutcome o) {
        CheckStatus s = o.result().status();
        if (s == CheckStatus.PASS) {
            return 10;
        }
        if (s == CheckStatus.SKIPPED) {
            return 11;
        }
        return switch (o.severity()) {
            case ERROR -> 0;
            case WARNING -> 1;
            case INFO -> 2;
        };
    }

    static Tone tone(CheckOutcome o) {
        CheckStatus s = o.result().status();
        if (s == CheckStatus.PASS) {
            return Tone.GOOD;
        }
        if (s == CheckStatus.SKIPPED) {
            return Tone.MUTED;
        }
        return switch (o.severity()) {
            case ERROR -> Tone.BAD;
            case WARNING -> Tone.WARNING;
            case INFO -> Tone.INFO;
        };
    }

    static String label(CheckOutcome o) {
        CheckStatus s = o.result().status();
        if (s == CheckStatus.PASS) {
            return "Pass";
        }
        if (s == CheckStatus.SKIPPED) {
            return "Skipped";
        }
        String sev = switch (o.severity()) {
            case ERROR -> "Error";
            case WARNING -> "Warning";
            case INFO -> "Info";
        };
        return s == CheckStatus.ERROR ? sev + " (undecided)" : sev;
    }

    private Section findings() {
        List<Block> blocks = new ArrayList<>();
        if (runs.isEmpty()) {
            blocks.add(new Paragraph("The pre-flight checks have not been run in this workspace."));
            return new Section("findings", "Pre-flight findings", null, blocks);
        }
        CheckRun last = runs.get(runs.size() - 1);
        Map<Severity, Long> failing = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            failing.put(s, last.outcomes().stream().filter(o -> o.severity() == s && rank(o) < 10).count());
        }
        long pass = last.outcomes().stream().filter(o -> o.result().status() == CheckStatus.PASS).count();
        long skipped = last.outcomes().stream().filter(o -> o.result().status() == CheckStatus.SKIPPED).count();
        blocks.add(new Facts(List.of(new Fact("Latest run", format(last.startedAt()) + (last.canceled() ? " (cancelled)" : "")
                + ", " + last.outcomes().size() + " checks"), new Fact("Result", plural(failing.get(Severity.ERROR), "error") + ", "
                        + plural(failing.get(Severity.WARNING), "warning") + ", " + failing.get(Severity.INFO)
                        + " for information, " + pass + " passed, " + skipped + " skipped"), new Fact("Runs recorded", String.valueOf(runs.size())))));

        // findings by severity per run
        List<CheckRun> shown = runs.size() > 12 ? runs.subList(runs.size() - 12, runs.size()) : runs;
        List<String> cats = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        List<Double> i = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        List<String> runLabels = runLabels(shown);
        cats.addAll(runLabels);
        for (CheckRun r : shown) {
            e.add(count(r, 0));
            w.add(count(r, 1));
            i.add(count(r, 2));
            p.add((double) r.outcomes().stream().filter(o -> o.result().status() == CheckStatus.PASS).count());
        }
        blocks.add(Block.of("Findings by severity per check run", cats, List.of(new Series("Error", Tone.BAD, e),
                new Series("Warning", Tone.WARNING, w), new Series("Info", Tone.INFO, i),
                new Series("Passed", Tone.GOOD, p)), false));

        if (runs.size() > 1) {
            CheckRun prev = runs.get(runs.size() - 2);
            Map<String, CheckOutcome> before = new LinkedHashMap<>();
            prev.outcomes().forEach(o -> before.put(o.checkId(), o));
            List<Row> changes = new ArrayList<>();
            for (CheckOutcome o : sorted(last.outcomes())) {
                CheckOutcome b = before.get(o.checkId());
                String was = b == null ? "not run" : label(b);
                String is = label(o);
                if (b != null && was.equals(is)) {
                    continue;
                }
                String change = b == null ? "New" : rank(o) >= 10 && rank(b) < 10 ? "Fixed"
                        : rank(o) < 10 && rank(b) >= 10 ? "New finding" : "Changed";
                Tone t = "Fixed".equals(change) ? Tone.GOOD : rank(o) < 10 ? tone(o) : Tone.NEUTRAL;
                changes.add(new Row(List.of(change, o.title(), was, is), t));
            }
            blocks.add(new Heading("Changes since the previous run (" + runLabels.get(runLabels.size() - 2) + ")"));
            blocks.add(new Table(List.of("Change", "Check", "Before", "Now"), List.of(14, 50, 18, 18), changes,
                    "No check changed its result."));
        }

        blocks.add(new Heading("Latest findings, most serious first"));
        List<Row> rows = new ArrayList<>();
        for (CheckOutcome o : sorted(last.outcomes())) {
            if (rank(o) >= 10) {
                continue;
            }
            String evidence = o.result().evidence().isEmpty() ? "" : "\n" + String.join("\n", o.result().evidence()
                    .subList(0, Math.min(6, o.result().evidence().size()))) + (o.result().evidence().size() > 6
                            ? "\n… and " + (o.result().evidence().size() - 6) + " more" : "");
            rows.add(new Row(List.of(label(o), o.title() + "\n" + o.result().message() + evidence,
                    o.result().remedy()), tone(o)));
        }
        blocks.add(new Table(List.of("Severity", "Finding and evidence", "What to do"), List.of(14, 50, 36), rows,
                "Nothing to fix: every check passed or was skipped."));
        List<Row> passed = new ArrayList<>();
        for (CheckOutcome o : sorted(last.outcomes())) {
            if (rank(o) >= 10) {
                passed.add(new Row(List.of(label(o), o.title(), o.result().message()), tone(o)));
            }
        }
        if (!passed.isEmpty()) {
            blocks.add(new Heading("Passed and skipped"));
            blocks.add(new Table(List.of("Result", "Check", "Detail"), List.of(12, 40, 48), passed, ""));
        }
        return new Section("findings", "Pre-flight findings",
                "What the read-only checks found on the servers, and how it changed from run to run.", blocks);
    }

    /**
     * One distinct label per run: day and minute, with the seconds where two runs share a
     * minute, and a number where they share a second too.
     */
    List<String> runLabels(List<CheckRun> shown) {
        List<String> minute = shown.stream().map(r -> RUN.format(r.startedAt().atZone(zone))).toList();
        List<String> out = new ArrayList<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (int k = 0; k < shown.size(); k++) {
            String label = minute.get(k);
            if (java.util.Collections.frequency(minute, label) > 1) {
                label = RUN_SECONDS.format(shown.get(k).startedAt().atZone(zone));
            }
            int n = seen.merge(label, 1, Integer::sum);
            out.add(n == 1 ? label : label + " #" + n);
        }
        return out;
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static double count(CheckRun r, int rank) {
        return r.outcomes().stream().filter(o -> rank(o) == rank).count();
    }

    private static List<CheckOutcome> sorted(List<CheckOutcome> outcomes) {
        List<CheckOutcome> l = new ArrayList<>(outcomes);
        l.sort(Comparator.comparingInt(ReportBuilder::rank).thenComparing(CheckOutcome::title));
        return l;
    }

    // ---------------------------------------------------------------- open items

    private Section openItems(List<StepStatus> steps, List<String> failedContributors) {
        List<Row> open = new ArrayList<>();
        List<Row> skipped = new ArrayList<>();
        for (StepStatus s : steps) {
            for (TaskStatus t : s.tasks()) {
                TaskState st = t.state();
                if (st == TaskState.SKIPPED) {
                    skipped.add(new Row(List.of("Skipped", t.descriptor().title(), format(t.changedAt()),
                            t.changedBy() == null ? "" : t.changedBy(), t.lastNote() == null ? "(no reason given)"
                                    : t.lastNote()), Tone.MUTED));
                } else if (!st.isDone()) {
                    String why = switch (st) {
                        case BLOCKED -> String.join("; ", t.blockedReasons());
                        case FAILED -> "Failed" + (t.lastNote() != null ? ": " + t.lastNote() : "");
                        case IN_PROGRESS -> "Started " + format(t.changedAt()) + (t.lastNote() != null ? ": "
                                + t.lastNote() : "");
                        default -> t.descriptor().optional() ? "Optional" : "";
                    };
                    Tone tone = st == TaskState.FAILED ? Tone.BAD : st == TaskState.BLOCKED ? Tone.WARNING
                            : st == TaskState.IN_PROGRESS ? Tone.INFO : Tone.NEUTRAL;
                    open.add(new Row(List.of(stateLabel(st), s.step().title(), t.descriptor().title(), why), tone));
                }
            }
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(List.of("State", "Step", "Task", "Why it is open"), List.of(12, 22, 36, 30), open,
                "Nothing is open."));
        blocks.add(new Heading("Skipped tasks and the reasons given"));
        blocks.add(new Table(List.of("State", "Task", "When", "By", "Reason"), List.of(10, 34, 16, 10, 30), skipped,
                "No task was skipped."));
        List<MissingPluginTask> missing = state.missingPluginTasks();
        if (!missing.isEmpty()) {
            blocks.add(new Heading("Recorded by a plug-in that is not installed"));
            List<Row> rows = new ArrayList<>();
            for (MissingPluginTask m : missing) {
                rows.add(new Row(List.of(stateLabel(m.lastState()), m.taskId(), format(m.changedAt()),
                        m.changedBy() == null ? "" : m.changedBy(), m.lastNote() == null ? "" : m.lastNote()),
                        Tone.MUTED));
            }
            blocks.add(new Table(List.of("Last state", "Task", "When", "By", "Note"), List.of(12, 28, 16, 10, 34), rows,
                    ""));
        }
        if (!failedContributors.isEmpty()) {
            blocks.add(new Callout(Tone.WARNING, "Sections missing", "A plug-in could not add its section to this "
                    + "report: " + String.join(", ", failedContributors) + "."));
        }
        return new Section("open-items", "Open items", "What is still to do, and what was deliberately left out.",
                blocks);
    }

    static String stateLabel(TaskState s) {
        return switch (s) {
            case NOT_STARTED -> "Not started";
            case IN_PROGRESS -> "In progress";
            case COMPLETED -> "Completed";
            case SKIPPED -> "Skipped";
            case BLOCKED -> "Blocked";
            case FAILED -> "Failed";
        };
    }

    // ---------------------------------------------------------------- recorded details

    private Section recorded(List<StepStatus> steps) {
        List<Block> blocks = new ArrayList<>();
        for (StepStatus s : steps) {
            List<Fact> facts = new ArrayList<>();
            for (StepInput in : s.step().inputs()) {
                String v = s.inputs().get(in.id());
                if (v != null && !v.isBlank()) {
                    facts.add(new Fact(in.label(), v));
                }
            }
            if (s.notes() != null && !s.notes().isBlank()) {
                facts.add(new Fact("Notes", s.notes()));
            }
            if (!facts.isEmpty()) {
                blocks.add(new Heading(s.step().title()));
                blocks.add(new Facts(facts));
            }
        }
        if (blocks.isEmpty()) {
            blocks.add(new Paragraph("No details were recorded in the steps' editors."));
        }
        return new Section("recorded", "Recorded details", "What the administrator recorded for each step.", blocks);
    }

    // ---------------------------------------------------------------- journal

    private Section journal() {
        List<Row> rows = new ArrayList<>();
        for (JournalEntry e : state.journal()) {
            String what;
            Tone tone = Tone.NEUTRAL;
            switch (e.type()) {
                case JournalEntry.TRANSITION -> {
                    what = title(e.taskId()) + ": " + e.from() + " → " + e.to();
                    tone = "completed".equals(e.to()) ? Tone.GOOD : "failed".equals(e.to()) ? Tone.BAD
                            : "skipped".equals(e.to()) ? Tone.MUTED : Tone.NEUTRAL;
                }
                case JournalEntry.NOTE -> what = "Note on " + title(e.taskId());
                case JournalEntry.INPUT -> what = "Details of step " + e.taskId() + " saved";
                case JournalEntry.PATH -> what = "Install path " + e.from() + " → " + e.to();
                case JournalEntry.EVENT -> {
                    what = e.taskId() == null ? "Event" : capitalize(e.taskId());
                    tone = Tone.INFO;
                }
                default -> what = e.type();
            }
            rows.add(new Row(List.of(String.valueOf(e.seq()), format(e.at()), e.who() == null ? "" : e.who(), what,
                    e.note() == null ? "" : e.note()), tone));
        }
        return new Section("journal", "Journal", "Every recorded change, oldest first, as the console's journal holds "
                + "it (each record is checksummed and written to disk before it counts).",
                List.of(new Table(List.of("#", "When", "Who", "What", "Note"), List.of(5, 16, 9, 35, 35), rows,
                        "The journal is empty."), new Paragraph(chainHead())));
    }

    /** The journal's chain head, for the customer to keep with the sign-off. */
    private String chainHead() {
        return state.journalChainHead().map(h -> "Journal chain head (SHA-256 of the last record): " + h
                + ". Keep it with this report: 'journal --verify' prints the same value as long as no record up to"
                + " here was removed, changed or reordered.").orElse("Journal chain head: none (the journal has no"
                        + " record yet).");
    }

    private String title(String taskId) {
        if (taskId == null) {
            return "";
        }
        return state.task(taskId).map(t -> t.descriptor().title()).orElse(taskId);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---------------------------------------------------------------- sign-off

    private Section signOff() {
        return new Section("sign-off", "Sign-off", null, List.of(new Paragraph("By signing, the consultant confirms "
                + "that the work recorded in this report was carried out as described, and the business owner "
                + "confirms receiving the report and the new server. Open items listed above remain to be done."),
                new Signatures(List.of("Consultant", "Business owner"))));
    }
}
