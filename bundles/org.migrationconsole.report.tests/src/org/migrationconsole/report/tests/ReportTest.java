package org.migrationconsole.report.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.check.CheckStatus;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.migrationconsole.api.check.TargetVersion;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.api.step.TaskKind;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.SecretStore;
import org.migrationconsole.connect.history.CheckHistory;
import org.migrationconsole.connect.internal.RunStore;
import org.migrationconsole.report.Report;
import org.migrationconsole.report.ReportFormat;
import org.migrationconsole.report.ReportService;
import org.migrationconsole.report.Section;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The migration report from a workspace with real history: the DS state service (with the eight
 * standard steps) takes task changes, notes and step details; check runs are stored through the
 * connect bundle's own store with outcomes of the checks the steps really register (the checks'
 * results against a server are covered by the lab tests); the report service writes HTML and PDF,
 * which headless Chromium and poppler then render. Lab-style passwords are put where a careless
 * change could take them from, and neither file may contain them.
 */
class ReportTest {

    private static final long TIMEOUT_MS = 30_000;
    private static MigrationStateService state;
    private static ReportService reports;
    private static CheckService checks;
    private static Path out;
    private static List<String> passwords;
    private static String secretAccount;

    @BeforeAll
    static void workspaceWithHistory() throws Exception {
        state = service(MigrationStateService.class);
        reports = service(ReportService.class);
        checks = service(CheckService.class);
        out = Path.of(System.getProperty("migrationconsole.report.out", "target/report"));
        Path ws = state.workspace().directory();
        assertFalse(state.workspace().readOnly(), () -> "workspace read-only: " + state.workspace().readOnlyReason());

        long seed = Long.getLong("report.seed", System.nanoTime());
        System.out.println("ReportTest seed " + seed + " (-Dreport.seed=" + seed + " repeats it)");
        Random rnd = new Random(seed);
        passwords = List.of(labPassword(rnd), labPassword(rnd));

        // the profile, as the console's profile editor saves it
        ProfileFile.write(new ConnectionProfile("Contoso Dental Practice", "sbs2003.contoso.local", "192.168.16.2",
                "contoso.local", "CONTOSO", "Administrator", ConnectionProfile.LdapSecurity.LDAPS,
                "essentials.contoso.local", "192.168.16.3", TargetVersion.ESSENTIALS_2012_R2, null),
                ws.resolve(ProfileFile.WORKSPACE_PROFILE));

        // the secrets, everywhere a careless change could read them from
        secretAccount = SecretStore.accountKey("Administrator", "sbs2003-report-test.contoso.local");
        SecretStore.open(SecretStore.defaultFolder()).put(secretAccount, passwords.get(0).toCharArray());
        Files.writeString(ws.resolve("admin.password"), passwords.get(0) + "\n");
        Files.writeString(ws.resolve("user.password"), passwords.get(1) + "\n");
        Files.writeString(ws.resolve("cfg.ini"), "[InitialConfiguration]\r\nCompanyName=Contoso\r\nPassword="
                + passwords.get(0) + "\r\nSourceAdminPassword=" + passwords.get(1) + "\r\n");
        System.setProperty("migrationconsole.password", passwords.get(0));
        System.setProperty("lab.admin.password", passwords.get(0));

        // real history through the state service
        state.saveStepInputs("prepare", Map.of("router-address", "192.168.16.1", "backup-location",
                "Backup disk in the office safe, verified by restoring two files"), "Owner wants e-mail moved to "
                        + "Office 365 before the new server arrives. IT contact: Łukasz Żółć (Ωμέγα Δίκτυα).");
        int completed = 0;
        boolean skipped = false;
        boolean failed = false;
        boolean started = false;
        for (int round = 0; round < 60 && completed < 24; round++) {
            TaskStatus next = null;
            for (StepStatus s : state.steps()) {
                for (TaskStatus t : s.tasks()) {
                    if (next == null && t.state() == TaskState.NOT_STARTED && t.descriptor().kind() != TaskKind.CHECK_GATED) {
                        next = t;
                    }
                }
            }
            if (next == null) {
                break;
            }
            try {
                if (!skipped && next.descriptor().optional()) {
                    state.skip(next.id(), "Not needed here: the practice has no line-of-business server");
                    skipped = true;
                } else if (!failed && completed == 6) {
                    state.start(next.id(), null);
                    state.fail(next.id(), "First attempt failed: the backup disk was full");
                    state.reset(next.id(), "Freed space on the backup disk; trying again");
                    state.complete(next.id(), "Second attempt worked");
                    failed = true;
                    completed++;
                } else {
                    state.start(next.id(), null);
                    state.complete(next.id(), "Done on site (" + (completed + 1) + ")");
                    completed++;
                }
            } catch (MigrationRuleException e) {
                // refused by a rule (e.g. a check must pass first): leave it started, as an admin would
                if (!started) {
                    started = true;
                }
            }
        }
        // a workspace left by an earlier run (no clean) already has its history
        long inJournal = state.journal().stream().filter(e -> "completed".equals(e.to())).count();
        assertTrue(inJournal >= 5, "the history needs completed tasks: " + completed + " now, " + inJournal
                + " in the journal");

        // three check runs: the first finds problems, the second shows some fixed, the third (in the
        // same minute as the second) leaves a single error
        List<MigrationCheck> registered = checks.checks();
        assertTrue(registered.size() >= 20, "the eight steps register their checks: " + registered.size());
        Instant first = Instant.now().minus(Duration.ofDays(2));
        Instant second = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .plusSeconds(5);
        Instant third = second.plusSeconds(30);
        RunStore store = new RunStore(ws);
        int before = CheckHistory.of(ws).runs().size();
        store.save(run(registered, first, 0));
        store.save(run(registered, second, 1));
        store.save(run(registered, third, 2));
        state.recordEvent("checks", registered.size() + " checks stored for the report test");
        List<CheckRun> history = CheckHistory.of(ws).runs();
        assertEquals(before + 3, history.size(), "the runs are in the history");
        assertEquals(third, history.get(history.size() - 1).startedAt(), "oldest first");
        // the profile a run used is kept beside the runs (for `check --profile` without an import)
        store.saveProfile(new ConnectionProfile("Fabrikam Surgery (used by check)", "sbs.fabrikam.local", null,
                "fabrikam.local", "FABRIKAM", "Administrator", ConnectionProfile.LdapSecurity.KERBEROS, null, null,
                TargetVersion.ESSENTIALS_2016, null));
    }

    /**
     * Outcomes for the registered checks: run 0 fails every 3rd error and every 2nd warning check,
     * run 1 fewer, run 2 only the first error check.
     */
    private static CheckRun run(List<MigrationCheck> registered, Instant at, int n) {
        List<CheckOutcome> outcomes = new ArrayList<>();
        int i = 0;
        for (MigrationCheck c : registered) {
            i++;
            CheckResult r;
            boolean fails = n == 2 ? c.severity() == Severity.ERROR && !"install".equals(c.stepId())
                    && outcomes.stream().noneMatch(o -> o.result().status() == CheckStatus.FAIL)
                    : switch (c.severity()) {
                        case ERROR -> n == 0 ? i % 3 == 0 : i % 6 == 0;
                        case WARNING -> i % 2 == 0;
                        case INFO -> n == 0 || i % 4 == 0;
                    };
            if ("install".equals(c.stepId())) {
                r = CheckResult.skipped("The destination is not a domain controller yet", List.of());
            } else if (fails) {
                r = CheckResult.fail(c.title() + ": not as required", List.of("CN=Example " + i
                        + ",OU=MyBusiness,DC=contoso,DC=local", "seen at " + at), "Fix " + c.id()
                                + " on the source server, then run the checks again");
            } else {
                r = CheckResult.pass(c.title() + ": as required", List.of("DC=contoso,DC=local"));
            }
            outcomes.add(new CheckOutcome(c.id(), c.title(), c.stepId(), c.taskId().orElse(null), c.severity(), r,
                    at.plusMillis(40L * i), 40));
        }
        return new CheckRun(at, "Contoso Dental Practice", outcomes, false);
    }

    /** A password as the lab makes them: upper, lower, digits and a symbol, 16 characters. */
    private static String labPassword(Random rnd) {
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String lower = "abcdefghijkmnopqrstuvwxyz";
        String digits = "23456789";
        String symbols = "#+-=_.!";
        StringBuilder b = new StringBuilder("Lab");
        for (int i = 0; i < 13; i++) {
            String from = switch (i % 4) {
                case 0 -> upper;
                case 1 -> lower;
                case 2 -> digits;
                default -> symbols;
            };
            b.append(from.charAt(rnd.nextInt(from.length())));
        }
        return b.toString();
    }

    @Test
    void theDocumentHasEverySectionInOrderWithTheWorkspacesFacts() {
        Report r = reports.build();
        List<String> ids = r.sections().stream().map(Section::id).toList();
        assertEquals(List.of("summary", "timeline", "clocks", "findings", "open-items", "recorded", "journal",
                "sign-off"), ids);
        assertTrue(r.title().contains("Contoso Dental Practice"), r.title());
        assertTrue(r.subtitle().contains("sbs2003.contoso.local") && r.subtitle().contains("2012 R2 Essentials"),
                r.subtitle());
    }

    @Test
    void writesBothFilesWithoutASecretAndChromiumAndPopplerRenderThem() throws Exception {
        List<Path> files = reports.write(out, EnumSet.allOf(ReportFormat.class));
        assertEquals(List.of(out.resolve("migration-report.html"), out.resolve("migration-report.pdf")), files);
        String html = Files.readString(files.get(0), StandardCharsets.UTF_8);
        byte[] pdf = Files.readAllBytes(files.get(1));

        // self-contained: no script, no external reference (the only URL is the SVG namespace)
        assertFalse(html.contains("<script"), "no script");
        Matcher url = Pattern.compile("(?i)(https?:|src=|url\\(|@import|<link)").matcher(html.replace(
                "xmlns=\"http://www.w3.org/2000/svg\"", ""));
        assertFalse(url.find(), () -> "external reference: " + url.group());
        for (String id : List.of("summary", "timeline", "clocks", "findings", "open-items", "journal", "sign-off")) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), id);
        }
        assertEquals(4, count(html, "<svg "), "progress by step, tasks per day, clocks, findings per run");
        assertTrue(html.contains("Contoso Dental Practice") && html.contains("Not needed here: the practice has no "
                + "line-of-business server") && html.contains("First attempt failed: the backup disk was full"), "history");
        assertTrue(pdf.length > 5_000 && new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-"));

        // Chromium: the DOM it built, its console, a screenshot
        Path dom = out.resolve("chromium-dom.html");
        Path log = out.resolve("chromium.log");
        Path png = out.resolve("migration-report-html.png");
        String chromium = tool("chromium");
        String fileUrl = files.get(0).toAbsolutePath().toUri().toString();
        Path profileDir = Files.createTempDirectory("report-chromium");
        List<String> common = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profileDir, "--no-first-run", "--disable-extensions", "--enable-logging=stderr",
                "--v=0", "--hide-scrollbars");
        List<String> dumpCmd = new ArrayList<>(common);
        dumpCmd.addAll(List.of("--dump-dom", fileUrl));
        String dumped = run(dumpCmd, log, 120);
        Files.writeString(dom, dumped);
        assertTrue(count(dumped, "<svg ") == 4 && dumped.contains("id=\"sign-off\""), "Chromium built the DOM");
        String console = Files.readString(log);
        for (String line : console.split("\n")) {
            assertFalse(line.contains(":CONSOLE(") || line.contains("Uncaught") || line.contains("Refused to"),
                    "console error in Chromium: " + line);
        }
        List<String> shotCmd = new ArrayList<>(common);
        shotCmd.addAll(List.of("--window-size=1280,3800", "--screenshot=" + png, fileUrl));
        run(shotCmd, out.resolve("chromium-screenshot.log"), 120);
        assertTrue(Files.size(png) > 50_000, "screenshot written: " + png);

        // poppler: the text and page images
        Path txt = out.resolve("migration-report.txt");
        run(List.of(tool("pdftotext"), "-layout", files.get(1).toString(), txt.toString()), out.resolve("pdftotext.log"),
                60);
        String text = Files.readString(txt, StandardCharsets.UTF_8);
        for (String s : List.of("Migration report — Contoso Dental Practice", "Summary", "Timeline", "Clocks",
                "Pre-flight findings", "Open items", "Journal", "Sign-off", "Tasks completed per day",
                "Findings by severity per check run", "Business owner", "Page 1 of")) {
            assertTrue(text.contains(s), "PDF text has '" + s + "'");
        }
        // fonts: every one embedded (DejaVu subsets), so characters beyond Western Europe print
        String fonts = run(List.of(tool("pdffonts"), files.get(1).toString()), out.resolve("pdffonts.log"), 60);
        Files.writeString(out.resolve("pdffonts.txt"), fonts);
        List<String> fontRows = fonts.lines().skip(2).filter(l -> !l.isBlank()).toList();
        assertTrue(fontRows.size() >= 2, fonts);
        for (String row : fontRows) {
            String[] f = row.trim().split("\\s+");
            // name type encoding emb sub uni object ID: "yes yes yes" for embedded subsets with a ToUnicode map
            assertTrue(row.contains("DejaVuSans") && row.matches(".*\\byes\\s+yes\\s+yes\\s+\\d+\\s+\\d+\\s*$"),
                    "embedded subset with Unicode map: " + row + " (" + f.length + " columns)");
        }
        assertTrue(text.contains("Żółć") && text.contains("Ωμέγα"), "non-Latin text survives into the PDF");
        // a run with a single error: its bar segment is too short for the number, which goes beside it
        assertTrue(Pattern.compile("<text [^>]*fill=\"#C62828\" font-weight=\"600\">1</text>").matcher(html).find(),
                "the single error is numbered beside its bar");
        run(List.of(tool("pdftoppm"), "-png", "-r", "70", files.get(1).toString(), out.resolve("pdf-page").toString()),
                out.resolve("pdftoppm.log"), 120);
        try (var pages = Files.list(out)) {
            assertTrue(pages.filter(p -> p.getFileName().toString().startsWith("pdf-page")).count() >= 3,
                    "pdftoppm rendered the pages");
        }

        // no secret in any of it, plain or UTF-16
        for (String pw : passwords) {
            for (var cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                byte[] needle = pw.getBytes(cs);
                assertFalse(contains(html.getBytes(StandardCharsets.UTF_8), needle), "password in the HTML (" + cs + ")");
                assertFalse(contains(pdf, needle), "password in the PDF bytes (" + cs + ")");
                assertFalse(contains(text.getBytes(StandardCharsets.UTF_8), needle), "password in the PDF text");
                assertFalse(contains(dumped.getBytes(StandardCharsets.UTF_8), needle), "password in the DOM");
            }
            assertFalse(html.contains(HexFormat.of().formatHex(pw.getBytes(StandardCharsets.UTF_8))), "hex");
        }
        SecretStore.open(SecretStore.defaultFolder()).remove(secretAccount);
    }

    @Test
    void twoRunsInOneMinuteGetDistinctLabels() {
        Report r = reports.build();
        List<org.migrationconsole.report.Block.Chart> charts = r.sections().stream()
                .flatMap(sec -> sec.blocks().stream())
                .filter(b -> b instanceof org.migrationconsole.report.Block.Chart c
                        && c.title().equals("Findings by severity per check run"))
                .map(b -> (org.migrationconsole.report.Block.Chart) b).toList();
        assertEquals(1, charts.size());
        List<String> labels = charts.get(0).categories();
        assertEquals(labels.size(), new java.util.HashSet<>(labels).size(), "distinct labels: " + labels);
        String last = labels.get(labels.size() - 1);
        assertTrue(last.matches("\\d{1,2} \\w{3} \\d\\d:\\d\\d:35"), "with seconds where a minute is shared: " + labels);
    }

    @Test
    void withoutAnImportedProfileTheSummaryNamesTheProfileTheChecksUsed() throws Exception {
        Path imported = state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
        Path aside = imported.resolveSibling("profile.properties.aside");
        Files.move(imported, aside);
        try {
            Report r = reports.build();
            assertTrue(r.title().contains("Fabrikam Surgery (used by check)"), r.title());
            String summary = r.sections().get(0).blocks().stream()
                    .filter(b -> b instanceof org.migrationconsole.report.Block.Facts)
                    .flatMap(b -> ((org.migrationconsole.report.Block.Facts) b).facts().stream())
                    .map(f -> f.label() + ": " + f.value()).reduce("", (a, b) -> a + b + "\n");
            assertFalse(summary.contains("no connection profile"), summary);
            assertTrue(summary.contains("Source server: sbs.fabrikam.local, domain fabrikam.local (FABRIKAM)"), summary);
            assertTrue(summary.contains("Connection profile: Fabrikam Surgery (used by check), not imported; as used by"
                    + " the check run of "), summary);
            assertTrue(summary.contains("Kerberos"), summary);
        } finally {
            Files.move(aside, imported);
        }
    }

    @Test
    void refusesAnEmptyFormatSetAndReplacesEarlierFiles() throws Exception {
        try {
            reports.write(out, Set.of());
            throw new AssertionError("an empty format set was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("formats"), e.getMessage());
        }
        Path dir = out.resolve("again");
        reports.write(dir, EnumSet.of(ReportFormat.HTML));
        reports.write(dir, EnumSet.of(ReportFormat.HTML));
        try (var l = Files.list(dir)) {
            assertEquals(List.of("migration-report.html"), l.map(p -> p.getFileName().toString()).toList());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String tool(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        throw new AssertionError(name + " is not installed; releng/run-tests.sh installs it (Debian package "
                + (name.startsWith("pdf") ? "poppler-utils" : name) + ")");
    }

    private static String run(List<String> cmd, Path stderr, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile());
        pb.environment().remove("DISPLAY");
        Process p = pb.start();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(stdout);
        }
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
        assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + " failed: " + read(stderr));
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer: for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext bc = FrameworkUtil.getBundle(ReportTest.class).getBundleContext();
        ServiceTracker<T, T> t = new ServiceTracker<>(bc, type, null);
        t.open();
        T s = t.waitForService(TIMEOUT_MS);
        assertNotNull(s, type.getSimpleName() + " is registered");
        return s;
    }
}
