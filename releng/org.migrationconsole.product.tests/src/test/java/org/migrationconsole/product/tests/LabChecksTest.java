package org.migrationconsole.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.migrationconsole.product.tests.Product.Result;

/**
 * The pre-flight checks of the materialized product against the SBS 2003 lab (releng/lab): a Samba
 * AD DC dressed as SBS 2003 in network namespaces. The product's command line runs inside the
 * lab's client namespace ({@code sbs-lab.sh run}); nothing here talks to any other address.
 *
 * <p>Covers the healthy baseline, one failing run per lab mutation, the inputs that stop a run
 * (exit 2) and the gating of check-gated tasks. Needs root (namespaces); skipped otherwise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabChecksTest {

    private static final String LAB_DIR = "/run/migration-console-lab";
    private static final Path PROFILE = Path.of(LAB_DIR, "lab.profile");
    private static final Path PASSWORD = Path.of(LAB_DIR, "admin.password");
    /** The lab profile without a certificate: Kerberos, as on a stock SBS 2003. */
    private static Path kerberos;

    /** id → severity, gated task (or "-"), status on the healthy lab with prepare.backup completed. */
    private static final Map<String, String[]> DESIGN = new LinkedHashMap<>();

    static {
        design("source.reachable", "error", "prepare.network", "pass");
        design("source.dns.single-address", "error", "prepare.network", "pass");
        design("source.dns.srv-records", "error", "prepare.support-tools", "pass");
        design("source.subnet", "warning", "prepare.network", "pass");
        design("source.clock-skew", "error", "prepare.time-sync", "pass");
        design("source.os-service-pack", "error", "prepare.windows-sp2", "pass");
        design("domain.functional-level", "error", "install.check-prerequisites", "pass");
        design("domain.fsmo-holders", "error", "prepare.support-tools", "pass");
        design("domain.mybusiness-ou", "error", "prepare.support-tools", "pass");
        design("domain.admins-trusted-for-delegation", "error", "prepare.support-tools", "pass");
        design("domain.logon-as-service", "error", "prepare.clear-logon-as-service", "skipped"); // path A
        design("domain.sysvol-netlogon", "error", "prepare.support-tools", "pass");
        design("domain.capacity", "error", "install.check-prerequisites", "pass");
        design("domain.admin-groups", "error", "prepare.mpt-account", "pass");
        design("backup.confirmed", "error", "-", "pass");
        design("dhcp.on-source", "info", "prepare.dhcp-plan", "pass");
        design("clients.connector-eligibility", "warning", "-", "fail");
        design("clients.inventory", "info", "-", "pass");
        // gates join.connector until every active computer is marked; a warning, so no pre-flight run is blocked
        design("clients.accounted", "warning", "join.connector", "fail");
        design("domain.sbs-logon-script-users", "info", "-", "fail");
        design("domain.legacy-gpos", "info", "-", "fail");
        design("domain.wmi-filters", "info", "-", "fail");
        design("exchange.mailboxes", "warning", "demote.uninstall-exchange", "fail");
        design("printers.on-source", "warning", "-", "fail");
        // step 2's destination checks have nothing to judge before the destination is promoted
        design("destination.is-dc", "error", "install.replica-promote", "skipped");
        design("destination.global-catalog", "error", "install.verify-global-catalog", "skipped");
        design("destination.fsmo", "error", "install.replica-transfer-fsmo", "skipped");
        design("replication.healthy", "warning", "-", "skipped");
    }

    private static void design(String id, String severity, String task, String status) {
        DESIGN.put(id, new String[] { severity, task, status });
    }

    private static Path repo;
    private static Path lab;
    private static boolean startedLab;
    private static String adminPassword;
    private static Path files;
    /** A workspace with prepare.backup completed: a mutation's check is then the only blocking one. */
    private static Path backedUp;

    @BeforeAll
    static void labUp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "the SBS 2003 lab needs root (network namespaces, mounts, Samba AD)");
        Path p = Product.dir();
        while (p != null && !Files.exists(p.resolve("ARCHITECTURE.md"))) {
            p = p.getParent();
        }
        assertNotNull(p, "no ARCHITECTURE.md above " + Product.dir());
        repo = p;
        lab = repo.resolve("releng/lab/sbs-lab.sh");
        Result status = labScript("status");
        if (status.exit() == 0) {
            System.out.println("[lab] already live, used as it is");
            if (status.out().contains("mutations applied")) {
                assertEquals(0, labScript("mutate", "restore-all").exit(), "restoring the lab's mutations");
            }
        } else {
            long t0 = System.nanoTime();
            Result up = labScript("up");
            assertEquals(0, up.exit(), "sbs-lab.sh up: " + up);
            startedLab = true;
            System.out.printf("[lab] up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        adminPassword = Files.readAllLines(PASSWORD, StandardCharsets.UTF_8).get(0);
        files = Product.newWorkspace("lab-files");
        backedUp = Product.newWorkspace("lab-mutations");
        assertEquals(0, mc(backedUp, "task", "prepare.backup", "complete", "--note", "test restore ok").exit());
        kerberos = profile("kerberos", q -> {
            q.remove("lab.ca");
            q.remove("source.ldap.security");
        });
    }

    @AfterAll
    static void labDown() throws Exception {
        if (startedLab) {
            long t0 = System.nanoTime();
            Result down = labScript("down");
            System.out.printf("[lab] down in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            assertEquals(0, down.exit(), down.toString());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Result labScript(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(lab.toString()));
        cmd.addAll(List.of(args));
        return Product.run(cmd, Map.of());
    }

    /** The product's command line inside the lab's client namespace. */
    private static Result mc(Path workspace, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(lab.toString(), "run", Product.script().toString(), "--headless",
                "--workspace", workspace.toString()));
        cmd.addAll(List.of(args));
        return Product.run(cmd, Map.of());
    }

    /** One check run and its JSON. */
    record Run(Result result, JsonObject json, double seconds) {
        int exit() {
            return result.exit();
        }

        JsonObject check(String id) {
            for (JsonElement e : json.getAsJsonArray("results")) {
                if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
                    return e.getAsJsonObject();
                }
            }
            throw new AssertionError("no result for " + id + " in " + json);
        }

        String status(String id) {
            return check(id).get("status").getAsString();
        }

        List<String> blocking() {
            List<String> out = new ArrayList<>();
            for (JsonElement e : json.getAsJsonArray("results")) {
                JsonObject o = e.getAsJsonObject();
                if (o.get("severity").getAsString().equals("error")
                        && List.of("fail", "error").contains(o.get("status").getAsString())) {
                    out.add(o.get("id").getAsString());
                }
            }
            return out;
        }
    }

    private static Run check(Path workspace, Path profile, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("check", "--profile", profile.toString(), "--password-file",
                PASSWORD.toString(), "--json"));
        args.addAll(List.of(extra));
        long t0 = System.nanoTime();
        Result r = mc(workspace, args.toArray(String[]::new));
        double s = (System.nanoTime() - t0) / 1e9;
        assertTrue(r.exit() == 0 || r.exit() == 1, "a check run: " + r);
        Run run = new Run(r, JsonParser.parseString(r.out()).getAsJsonObject(), s);
        int blocking = run.json().getAsJsonObject("summary").get("blocking").getAsInt();
        assertEquals(blocking, run.blocking().size(), r.toString());
        assertEquals(blocking == 0 ? 0 : 1, r.exit(), "exit 1 exactly when an error-severity check fails: " + r);
        return run;
    }

    private static Run check(Path workspace) throws Exception {
        return check(workspace, PROFILE);
    }

    private static String evidence(JsonObject check) {
        List<String> out = new ArrayList<>();
        check.getAsJsonArray("evidence").forEach(e -> out.add(e.getAsString()));
        return String.join("\n", out);
    }

    private static String message(JsonObject check) {
        return check.get("message").getAsString();
    }

    private static Path profile(String name, Consumer<Properties> change) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(PROFILE, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        change.accept(p);
        Path f = files.resolve(name + ".profile");
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            p.store(w, "LabChecksTest: " + name);
        }
        return f;
    }

    private static Path passwordFile(String name, String text, String mode) throws Exception {
        Path f = files.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    /** A bad input stops the run before any check: exit 2, the message names what, within the time. */
    private static Result refused(Path workspace, Path profile, Path password, String... mustName) throws Exception {
        long t0 = System.nanoTime();
        Result r = mc(workspace, "check", "--profile", profile.toString(), "--password-file", password.toString());
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(2, r.exit(), r.toString());
        for (String m : mustName) {
            assertTrue(r.err().contains(m), "'" + m + "' in " + r.err());
        }
        assertTrue(s < 20, "refused within 20 s, took " + s);
        assertFalse(r.err().contains(adminPassword) || r.out().contains(adminPassword), "no password in the output");
        return r;
    }

    // ------------------------------------------------------------------ baseline

    @Test
    void theHealthyLabPassesWhatItShouldAndReportsWhatItHolds() throws Exception {
        Path ws = Product.newWorkspace("lab-baseline");
        Run first = check(ws);
        System.out.printf("[checks] full run (%d checks, incl. JVM start in the lab namespace): %.2f s wall%n",
                first.json().getAsJsonArray("results").size(), first.seconds());
        assertEquals(1, first.exit(), "backup.confirmed fails until prepare.backup is completed: " + first.result());
        assertEquals(List.of("backup.confirmed"), first.blocking());
        JsonObject backup = first.check("backup.confirmed");
        assertEquals("fail", backup.get("status").getAsString());
        assertTrue(evidence(backup).contains("task prepare.backup: not-started"), evidence(backup));
        assertTrue(backup.get("remedy").getAsString().contains("restore"), backup.toString());

        assertEquals(0, mc(ws, "task", "prepare.backup", "complete", "--note", "restored 5 files, compared").exit());
        Run run = check(ws);
        System.out.printf("[checks] full run again: %.2f s wall; slowest check %s%n", run.seconds(), slowest(run));
        assertEquals(0, run.exit(), run.result().toString());
        assertEquals("pass", run.status("backup.confirmed"));

        // every check ran, with the designed id, step, severity, gate and status
        Map<String, String> statuses = new TreeMap<>();
        Map<String, String> expected = new TreeMap<>();
        for (JsonElement e : run.json().getAsJsonArray("results")) {
            JsonObject o = e.getAsJsonObject();
            String id = o.get("id").getAsString();
            statuses.put(id, o.get("status").getAsString());
            String[] d = DESIGN.get(id);
            assertNotNull(d, "an unexpected check " + id);
            expected.put(id, d[2]);
            assertEquals(d[0], o.get("severity").getAsString(), id);
            assertEquals(d[1], o.get("task").isJsonNull() ? "-" : o.get("task").getAsString(), id);
            for (String key : List.of("title", "step", "message", "remedy", "finishedAt", "millis")) {
                assertTrue(o.has(key), id + " lacks " + key);
            }
            assertFalse(o.getAsJsonArray("evidence").isEmpty(), id + " shows what it read");
            String st = o.get("status").getAsString();
            assertEquals(st.equals("fail") || st.equals("error"), !o.get("remedy").getAsString().isEmpty(),
                    id + ": a remedy exactly when it failed");
            assertFalse(o.toString().contains(adminPassword), id + " must not show the password");
        }
        assertEquals(DESIGN.keySet(), statuses.keySet());
        assertEquals(expected, statuses);
        JsonObject summary = run.json().getAsJsonObject("summary");
        assertEquals(16, summary.get("pass").getAsInt(), summary.toString());
        assertEquals(7, summary.get("fail").getAsInt(), summary.toString());
        assertEquals(0, summary.get("error").getAsInt(), summary.toString());
        assertEquals(5, summary.get("skipped").getAsInt(), "the four destination checks and logon-as-service (path A): "
                + summary);

        // what the checks read, concretely
        assertTrue(evidence(run.check("source.reachable")).contains("rootDSE dnsHostName: SBS2003.contoso.local"));
        assertTrue(evidence(run.check("source.dns.single-address")).contains(": 10.99.0.10"));
        assertTrue(evidence(run.check("source.dns.srv-records"))
                .contains("_kerberos._tcp.contoso.local SRV at 10.99.0.10: 0 100 88 sbs2003.contoso.local."));
        assertTrue(message(run.check("source.subnet")).contains("10.99.0.0/24")
                && message(run.check("source.subnet")).contains("router"));
        assertTrue(evidence(run.check("source.os-service-pack"))
                .contains("operatingSystemServicePack: Service Pack 2"));
        // the destination (10.99.0.11) is not installed in this lab: this machine's clock stands in, labelled so
        String clock = evidence(run.check("source.clock-skew"));
        assertTrue(clock.contains("source time zone: UTC") && clock.contains("negotiate from 10.99.0.10:445"), clock);
        assertTrue(clock.contains("10.99.0.11 did not answer on SMB (port 445); compared with this machine instead"
                + " (fallback)"), clock);
        assertTrue(message(run.check("source.clock-skew")).contains("compared with this machine"),
                message(run.check("source.clock-skew")));
        assertTrue(evidence(run.check("domain.functional-level")).contains("domainFunctionality: 2"));
        String fsmo = evidence(run.check("domain.fsmo-holders"));
        for (String role : List.of("PDC emulator", "RID master", "Infrastructure master", "Domain naming master",
                "Schema master")) {
            assertTrue(fsmo.contains(role) && fsmo.contains("→ SBS2003.contoso.local"), role + " in " + fsmo);
        }
        assertTrue(evidence(run.check("domain.admins-trusted-for-delegation"))
                .contains("SeEnableDelegationPrivilege = *S-1-5-32-544"));
        JsonObject service = run.check("domain.logon-as-service");
        assertTrue(message(service).contains("replica"), message(service));
        assertTrue(evidence(service).contains("SeServiceLogonRight") && evidence(service).contains("(SBSMonAcct)"),
                evidence(service));
        assertTrue(evidence(run.check("domain.sysvol-netlogon")).contains("NETLOGON holds: SBS_LOGIN_SCRIPT.bat"));
        String capacity = evidence(run.check("domain.capacity"));
        assertTrue(capacity.contains("users counted (9): Administrator, akhan, bwilson, jsmith, lchen, mjones, pgarcia,"
                + " scanner, tempworker"), capacity);
        assertTrue(capacity.contains("krbtgt") && capacity.contains("TmplAdmin") && capacity.contains("SBSMonAcct"),
                capacity);
        assertTrue(evidence(run.check("domain.admin-groups")).contains("Schema Admins (RID 518): member"));
        assertTrue(message(run.check("dhcp.on-source")).contains("is an authorized DHCP server")
                && message(run.check("dhcp.on-source")).contains("step 6"));
        String legacyClients = message(run.check("clients.connector-eligibility"));
        for (String pc : List.of("WS-XP01", "WS-XP02", "WS-VISTA01", "WS-W2K01")) {
            assertTrue(legacyClients.contains(pc), legacyClients);
        }
        assertFalse(legacyClients.contains("WS-WIN7") || legacyClients.contains("WS-WIN10"), legacyClients);
        assertTrue(evidence(run.check("domain.sbs-logon-script-users"))
                .contains("(6): akhan, bwilson, jsmith, lchen, mjones, pgarcia"));
        String gpos = message(run.check("domain.legacy-gpos"));
        // step 4 counts 7: the Folder Redirection GPO is step 5's (its evidence still lists it)
        assertTrue(gpos.startsWith("7 legacy") && gpos.contains("Small Business Server Windows Firewall")
                && !gpos.contains("Folder Redirection"), gpos);
        assertTrue(message(run.check("domain.wmi-filters")).contains("PostSP2 and PreSP2"));
        String mailboxes = message(run.check("exchange.mailboxes"));
        assertTrue(mailboxes.contains("(Administrator, akhan, jsmith, lchen, mjones)"), mailboxes);
        assertTrue(message(run.check("printers.on-source")).contains("HP LaserJet 4250"));

        // stored in the workspace and journalled, without the password
        assertTrue(Files.exists(ws.resolve("checks/latest.json")));
        for (Path f : List.of(ws.resolve("checks/latest.json"), ws.resolve("checks/last-run.json"),
                ws.resolve("journal.jsonl"))) {
            assertFalse(Files.readString(f).contains(adminPassword), f + " holds the password");
        }
        assertTrue(Product.headless(ws, "journal").out().contains("28 checks against 'SBS 2003 lab'"));

        reportOf(ws);
    }

    // ------------------------------------------------------------------ the customer's report

    /**
     * The {@code report} command on a workspace with two real check runs against the lab: the HTML
     * opens in headless Chromium (DOM, console, screenshot), the PDF renders in poppler, and neither
     * holds a lab password, plain or UTF-16LE.
     */
    private static void reportOf(Path ws) throws Exception {
        Path out = ws.resolve("report-out");
        Result usage = Product.headless(ws, "report");
        assertEquals(2, usage.exit(), usage.toString());
        assertTrue(usage.err().contains("--out"), usage.err());
        Result badFormat = Product.headless(ws, "report", "--out", out.toString(), "--format", "html,docx");
        assertEquals(2, badFormat.exit(), badFormat.toString());
        assertTrue(badFormat.err().contains("--format") && badFormat.err().contains("docx"), badFormat.err());

        long t0 = System.nanoTime();
        Result r = Product.headless(ws, "report", "--out", out.toString(), "--json");
        System.out.printf("[report] written in %.2f s (incl. JVM start)%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(0, r.exit(), r.toString());
        JsonObject written = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(2, written.getAsJsonArray("files").size(), r.out());
        Path htmlFile = out.resolve("migration-report.html");
        Path pdfFile = out.resolve("migration-report.pdf");
        String html = Files.readString(htmlFile, StandardCharsets.UTF_8);
        byte[] pdf = Files.readAllBytes(pdfFile);
        for (String id : List.of("summary", "timeline", "clocks", "findings", "open-items", "journal", "sign-off")) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), "section " + id);
        }
        // the checks ran with --profile (nothing imported): the summary names that profile and its servers
        assertFalse(html.contains("no connection profile imported"), "the profile the checks used is shown");
        assertTrue(html.contains("SBS 2003 lab, not imported; as used by the check run of"), "profile origin");
        assertTrue(html.contains("Migration report — SBS 2003 lab"), "the profile's name as the title");
        // the findings of the real runs
        assertTrue(html.contains("HP LaserJet 4250") && html.contains("10.99.0.0/24"),
                "what the lab's checks found (printers.on-source failed, source.subnet passed)");

        // Chromium: DOM, console, screenshot
        String chromium = tool("chromium");
        Path profileDir = Files.createTempDirectory("report-chromium");
        List<String> common = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profileDir, "--no-first-run", "--disable-extensions", "--enable-logging=stderr",
                "--v=0", "--hide-scrollbars");
        Map<String, String> noDisplay = new java.util.HashMap<>();
        noDisplay.put("DISPLAY", null);
        String url = htmlFile.toAbsolutePath().toUri().toString();
        List<String> dump = new ArrayList<>(common);
        dump.addAll(List.of("--dump-dom", url));
        Result dom = Product.run(dump, noDisplay);
        assertEquals(0, dom.exit(), dom.err());
        assertTrue(dom.out().contains("id=\"sign-off\"") && dom.out().split("<svg ", -1).length - 1 >= 3,
                "Chromium built the sections and the SVG charts");
        for (String line : dom.err().split("\n")) {
            assertFalse(line.contains(":CONSOLE(") || line.contains("Uncaught") || line.contains("Refused to"),
                    "console error in Chromium: " + line);
        }
        Path png = out.resolve("migration-report-html.png");
        List<String> shot = new ArrayList<>(common);
        shot.addAll(List.of("--window-size=1280,3800", "--screenshot=" + png, url));
        Result shotRun = Product.run(shot, noDisplay);
        assertEquals(0, shotRun.exit(), shotRun.err());
        assertTrue(Files.size(png) > 50_000, "screenshot written: " + png);

        // poppler: text and page images
        Result text = Product.run(List.of(tool("pdftotext"), "-layout", pdfFile.toString(), "-"), Map.of());
        assertEquals(0, text.exit(), text.err());
        for (String s : List.of("Summary", "Timeline", "Clocks", "Pre-flight findings", "Journal", "Sign-off",
                "Findings by severity per check run", "Page 1 of")) {
            assertTrue(text.out().contains(s), "PDF text has '" + s + "'");
        }
        Result pages = Product.run(List.of(tool("pdftoppm"), "-png", "-r", "60", pdfFile.toString(),
                out.resolve("pdf-page").toString()), Map.of());
        assertEquals(0, pages.exit(), pages.err());
        try (Stream<Path> l = Files.list(out)) {
            assertTrue(l.filter(p -> p.getFileName().toString().startsWith("pdf-page")).count() >= 2,
                    "pdftoppm rendered the pages");
        }
        System.out.println("[report] " + htmlFile + ", " + pdfFile + ", screenshot " + png);

        // no lab password anywhere, plain or UTF-16LE
        List<String> secrets = new ArrayList<>();
        try (Stream<Path> l = Files.list(Path.of(LAB_DIR))) {
            for (Path f : l.filter(f -> f.getFileName().toString().endsWith(".password")).toList()) {
                String pw = Files.readAllLines(f, StandardCharsets.UTF_8).get(0).strip();
                if (!pw.isEmpty()) {
                    secrets.add(pw);
                }
            }
        }
        assertTrue(secrets.contains(adminPassword), "the lab's passwords were read: " + secrets.size());
        byte[] htmlBytes = html.getBytes(StandardCharsets.UTF_8);
        byte[] textBytes = text.out().getBytes(StandardCharsets.UTF_8);
        byte[] domBytes = dom.out().getBytes(StandardCharsets.UTF_8);
        for (String pw : secrets) {
            for (var cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE)) {
                byte[] needle = pw.getBytes(cs);
                assertFalse(contains(htmlBytes, needle), "a lab password in the HTML (" + cs + ")");
                assertFalse(contains(pdf, needle), "a lab password in the PDF bytes (" + cs + ")");
                assertFalse(contains(textBytes, needle), "a lab password in the PDF text (" + cs + ")");
                assertFalse(contains(domBytes, needle), "a lab password in Chromium's DOM (" + cs + ")");
            }
            assertFalse(r.out().contains(pw) || r.err().contains(pw), "a lab password on the command line");
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String tool(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        throw new AssertionError(name + " is not installed; releng/run-tests.sh installs it");
    }

    private static String slowest(Run run) {
        String id = null;
        long max = -1;
        for (JsonElement e : run.json().getAsJsonArray("results")) {
            long ms = e.getAsJsonObject().get("millis").getAsLong();
            if (ms > max) {
                max = ms;
                id = e.getAsJsonObject().get("id").getAsString();
            }
        }
        return id + " " + max + " ms";
    }

    // ------------------------------------------------------------------ one failing run per mutation

    /** What else to assert about the failing check, while the mutation is still applied. */
    interface More {
        void check(JsonObject failed) throws Exception;
    }

    private static void mutated(String mutation, String checkId, More more) throws Exception {
        long t0 = System.nanoTime();
        Result m = labScript("mutate", mutation);
        assertEquals(0, m.exit(), m.toString());
        try {
            if (mutation.equals("clock-skew")) {
                // Kerberos itself refuses a clock 10 minutes off (as Windows does): the run stops, naming it
                Result r = mc(backedUp, "check", "--profile", kerberos.toString(), "--password-file",
                        PASSWORD.toString());
                assertEquals(2, r.exit(), r.toString());
                assertTrue(r.err().contains("clocks are within 5 minutes"), r.err());
            } else {
                // the same finding over Kerberos (no certificate) as over LDAPS
                Run krb = check(backedUp, kerberos);
                JsonObject k = krb.check(checkId);
                assertEquals("fail", k.get("status").getAsString(), "over Kerberos: " + k);
                if (k.get("severity").getAsString().equals("error")) {
                    assertEquals(List.of(checkId), krb.blocking(), "over Kerberos only the mutated check blocks");
                }
            }
            Run run = check(backedUp);
            JsonObject o = run.check(checkId);
            assertEquals("fail", o.get("status").getAsString(), o.toString());
            assertFalse(o.get("remedy").getAsString().isBlank(), o.toString());
            if (o.get("severity").getAsString().equals("error")) {
                assertEquals(1, run.exit(), run.result().toString());
                assertEquals(List.of(checkId), run.blocking(), "only the mutated check blocks");
            }
            more.check(o);
        } finally {
            Result restore = labScript("mutate", "restore-" + mutation);
            assertEquals(0, restore.exit(), restore.toString());
            System.out.printf("[mutate] %s: applied, checked, restored in %.1f s%n", mutation,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    @Test
    void removedMyBusinessOuFails() throws Exception {
        mutated("remove-mybusiness-ou", "domain.mybusiness-ou", o -> {
            assertTrue(message(o).contains("OU=MyBusiness is missing"), message(o));
            assertTrue(evidence(o).contains("MyBusiness-removed-by-lab"), evidence(o));
        });
    }

    @Test
    void secondARecordFails() throws Exception {
        mutated("second-a-record", "source.dns.single-address", o -> {
            assertTrue(message(o).contains("resolves to 2 addresses"), message(o));
            String e = evidence(o);
            assertTrue(e.contains("10.99.0.10, 10.99.0.12") || e.contains("10.99.0.12, 10.99.0.10"), e);
        });
    }

    @Test
    void removedDelegationRightFails() throws Exception {
        mutated("remove-delegation-right", "domain.admins-trusted-for-delegation", o -> {
            assertTrue(evidence(o).contains("no SeEnableDelegationPrivilege line in [Privilege Rights]"), evidence(o));
            assertTrue(evidence(o).contains("GptTmpl.inf"), evidence(o));
        });
    }

    @Test
    void removedSrvRecordsFail() throws Exception {
        mutated("remove-srv-records", "source.dns.srv-records", o -> {
            assertTrue(message(o).contains("missing: _ldap._tcp.contoso.local, _ldap._tcp.dc._msdcs.contoso.local"),
                    message(o));
            assertTrue(evidence(o).contains("_ldap._tcp.contoso.local SRV at 10.99.0.10: none"), evidence(o));
        });
    }

    @Test
    void downgradedServicePackFails() throws Exception {
        mutated("downgrade-service-pack", "source.os-service-pack", o -> {
            assertTrue(message(o).contains("Service Pack 1, but Service Pack 2 is required"), message(o));
            assertTrue(evidence(o).contains("operatingSystemServicePack: Service Pack 1"), evidence(o));
        });
    }

    @Test
    void tooManyUsersFailForEssentials2012() throws Exception {
        mutated("too-many-users", "domain.capacity", o -> {
            Matcher m = Pattern.compile("The domain has (\\d+) users \\(limit 25\\)").matcher(message(o));
            assertTrue(m.find(), message(o));
            assertTrue(Integer.parseInt(m.group(1)) > 25, message(o));
            assertTrue(evidence(o).contains("labuser01"), evidence(o));
            // the same domain fits Standard with the Essentials Experience role (100 users / 200 devices)
            Path standard = profile("standard", p -> p.setProperty("target.version", "standard-essentials-role"));
            JsonObject fits = check(backedUp, standard, "--step", "prepare").check("domain.capacity");
            assertEquals("pass", fits.get("status").getAsString(), fits.toString());
            assertTrue(message(fits).contains("(100 / 200)"), message(fits));
        });
    }

    @Test
    void skewedClockFails() throws Exception {
        mutated("clock-skew", "source.clock-skew", o -> {
            assertTrue(message(o).matches("The source clock is (9 min 5\\d|10 min \\d+) s ahead of this machine, more"
                    + " than 5 minutes off\\."), message(o));
            assertTrue(evidence(o).contains("rootDSE currentTime: 20"), evidence(o));
        });
    }

    @Test
    void withoutADestinationAddressTheSubnetCheckIsSkippedWithTheReason() throws Exception {
        Path noDestination = profile("no-destination", p -> p.remove("destination.address"));
        JsonObject subnet = check(backedUp, noDestination, "--step", "prepare").check("source.subnet");
        assertEquals("skipped", subnet.get("status").getAsString(), subnet.toString());
        assertTrue(message(subnet).contains("destination.address"), message(subnet));
    }

    // ------------------------------------------------------------------ inputs that stop a run

    @Test
    void anUnreachableHostIsRefusedNamingIt() throws Exception {
        Path ws = Product.newWorkspace("lab-unreachable");
        // by name only: the name is resolved first, and it resolves to nothing
        Path ghost = profile("ghost", p -> {
            p.setProperty("source.host", "ghost.contoso.local");
            p.remove("source.address");
        });
        refused(ws, ghost, PASSWORD, "ghost.contoso.local", "does not resolve");
        // with source.address the console connects there (the name is only verified against TLS/Kerberos):
        // nothing answers at that address, and the refusal names both
        Path ghostAt = profile("ghost-at", p -> {
            p.setProperty("source.host", "ghost.contoso.local");
            p.setProperty("source.address", "10.99.0.99");
        });
        refused(ws, ghostAt, PASSWORD, "Cannot reach the source server at ghost.contoso.local:636 (10.99.0.99)");
        // by address: 10.99.0.99 is in the lab's subnet, and nothing answers there
        Path silent = profile("silent", p -> {
            p.setProperty("source.host", "10.99.0.99");
            p.setProperty("source.address", "10.99.0.99");
        });
        refused(ws, silent, PASSWORD, "Cannot reach the source server at 10.99.0.99:636");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        Path wrong = passwordFile("wrong.password", "Not-The-Password-1\n", "rw-------");
        refused(Product.newWorkspace("lab-password"), PROFILE, wrong,
                "refused the password of Administrator@contoso.local");
    }

    @Test
    void aChangedCertificateIsRefusedAfterItWasPinned() throws Exception {
        Path ws = Product.newWorkspace("lab-pinning");
        Path noCa = profile("no-ca", p -> p.remove("lab.ca"));
        Run first = check(ws, noCa);
        assertEquals("pass", first.status("source.reachable"), first.result().toString());
        Path pins = ws.resolve("trusted-certificates.properties");
        assertTrue(Files.exists(pins), "the certificate was pinned on first contact");
        String journal = Product.headless(ws, "journal").out();
        assertTrue(journal.contains("pinned the LDAP certificate of sbs2003.contoso.local on first contact"), journal);

        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(pins, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        assertEquals(List.of("sbs2003.contoso.local:636"), List.copyOf(p.stringPropertyNames()));
        String other = String.join(":", Stream.generate(() -> "AB").limit(32).toList());
        p.setProperty("sbs2003.contoso.local:636", other);
        try (Writer w = Files.newBufferedWriter(pins, StandardCharsets.UTF_8)) {
            p.store(w, "changed by LabChecksTest");
        }
        Result r = refused(ws, noCa, PASSWORD, "certificate of sbs2003.contoso.local:636 changed", other);
        assertTrue(r.err().contains(pins.toRealPath().toString()) || r.err().contains(pins.toString()), r.err());
    }

    @Test
    void aMalformedHostNameIsRefused() throws Exception {
        Path bad = profile("malformed", p -> p.setProperty("source.host", "sbs 2003!"));
        refused(Product.newWorkspace("lab-malformed"), bad, PASSWORD,
                "source.host 'sbs 2003!' is not a valid host name");
    }

    @Test
    void aMissingFieldIsRefused() throws Exception {
        Path bad = profile("no-admin", p -> p.remove("source.admin"));
        refused(Product.newWorkspace("lab-missing"), bad, PASSWORD, "source.admin is missing");
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws Exception {
        Path open = passwordFile("open.password", adminPassword + "\n", "rw-r--r--");
        refused(Product.newWorkspace("lab-open-password"), PROFILE, open, open.toString(),
                "can be read or written by others", "chmod 600");
    }

    // ------------------------------------------------------------------ Kerberos, addresses, stalls

    private static Map<String, String> statuses(Run run) {
        Map<String, String> out = new TreeMap<>();
        for (JsonElement e : run.json().getAsJsonArray("results")) {
            JsonObject o = e.getAsJsonObject();
            out.put(o.get("id").getAsString(), o.get("status").getAsString());
        }
        return out;
    }

    private static Map<String, String> designed() {
        Map<String, String> out = new TreeMap<>();
        DESIGN.forEach((id, d) -> out.put(id, d[2]));
        return out;
    }

    /** Starts tcpdump in the lab's client namespace; returns its pid file. */
    private static Path capture(Path pcap, String filter) throws Exception {
        Path pid = pcap.resolveSibling(pcap.getFileName() + ".pid");
        Files.deleteIfExists(pid);
        new ProcessBuilder(lab.toString(), "run", "sh", "-c", "tcpdump -Z root -i any -U -s 0 -w '" + pcap + "' " + filter
                + " >/dev/null 2>&1 & echo $! > '" + pid + "'; wait").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100 && (!Files.exists(pid) || Files.size(pid) == 0); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(700); // tcpdump opens the interface
        return pid;
    }

    private static void stopCapture(Path pid) throws Exception {
        String p = Files.readString(pid).strip();
        new ProcessBuilder("kill", "-INT", p).start().waitFor();
        for (int i = 0; i < 50 && Files.exists(Path.of("/proc", p)); i++) {
            Thread.sleep(100);
        }
    }

    @Test
    @Order(2)
    void aStockSbsWithoutTlsIsCheckedOverKerberosAndNothingReadableCrossesTheWire() throws Exception {
        Result m = labScript("mutate", "no-tls");
        assertEquals(0, m.exit(), m.toString());
        try {
            // LDAPS is really off: the profile that insists on it cannot connect
            refused(Product.newWorkspace("lab-no-tls-ldaps"), PROFILE, PASSWORD, "sbs2003.contoso.local:636");
            Path pcap = files.resolve("kerberos.pcap");
            Path pid = capture(pcap, "tcp port 389 or port 88 or udp port 88");
            Run run;
            try {
                run = check(backedUp, kerberos);
            } finally {
                stopCapture(pid);
            }
            assertEquals(0, run.exit(), run.result().toString());
            assertEquals(designed(), statuses(run), "the whole suite over Kerberos, TLS switched off");
            byte[] wire = Files.readAllBytes(pcap);
            System.out.printf("[kerberos] capture of LDAP and Kerberos: %d bytes%n", wire.length);
            assertTrue(wire.length > 5_000, "the capture saw the run's LDAP traffic: " + wire.length + " bytes");
            assertFalse(contains(wire, adminPassword.getBytes(StandardCharsets.UTF_8)), "password on the wire");
            assertFalse(contains(wire, adminPassword.getBytes(StandardCharsets.UTF_16LE)), "password on the wire");
            for (String value : List.of("SBS_LOGIN_SCRIPT.bat", "Small Business Server", "Service Pack 2",
                    "Mailbox Store", "HPLaserJet")) {
                assertFalse(contains(wire, value.getBytes(StandardCharsets.UTF_8)), "readable on the wire: " + value);
            }
            String journal = Product.headless(backedUp, "journal").out();
            assertTrue(journal.contains("LDAP over Kerberos (signed and encrypted)"), journal);
        } finally {
            assertEquals(0, labScript("mutate", "restore-no-tls").exit());
        }
    }

    @Test
    @Order(3)
    void plainLdapIsOnlyByChoiceAndWarnedAboutInTheJournal() throws Exception {
        Path plain = profile("plain", p -> {
            p.remove("lab.ca");
            p.setProperty("source.ldap.security", "plain");
        });
        Path ws = Product.newWorkspace("lab-plain");
        Run run = check(ws, plain, "--step", "prepare");
        assertTrue(run.exit() <= 1, run.result().toString());
        String journal = Product.headless(ws, "journal").out();
        assertTrue(journal.contains("plain LDAP") && journal.contains("in clear text"), journal);
        // and on the terminal at run time (standard error: --json output stays exact)
        assertTrue(run.result().err().contains("warning: source.ldap.security=plain")
                && run.result().err().contains("in clear text"), run.result().err());
    }

    @Test
    @Order(4)
    void aNameWithADeadSecondAddressRunsEveryCheckAndFailsOnlyTheDnsCheck() throws Exception {
        Path byName = profile("by-name", p -> p.remove("source.address"));
        Run normal = check(backedUp, byName);
        assertEquals(0, normal.exit(), normal.result().toString());
        Result m = labScript("mutate", "second-a-record");
        assertEquals(0, m.exit(), m.toString());
        try {
            Run run = check(backedUp, byName);
            System.out.printf("[dead address] normal run %.2f s, with a dead second address %.2f s%n",
                    normal.seconds(), run.seconds());
            assertEquals(List.of("source.dns.single-address"), run.blocking(), run.result().toString());
            Map<String, String> expected = designed();
            expected.put("source.dns.single-address", "fail");
            assertEquals(expected, statuses(run));
            assertTrue(evidence(run.check("source.dns.single-address")).contains("10.99.0.12"));
            assertTrue(run.seconds() < 2 * normal.seconds(), "under 2x a normal run: " + run.seconds() + " vs "
                    + normal.seconds());
            String journal = Product.headless(backedUp, "journal").out();
            assertTrue(journal.contains("has 2 addresses; using 10.99.0.10"), journal);
        } finally {
            assertEquals(0, labScript("mutate", "restore-second-a-record").exit());
        }
    }

    /** PIDs in the source DC's namespace whose process name matches (as the lab's stall mutations pick them). */
    private static List<String> sourcePids(String commPattern) throws Exception {
        Result r = Product.run(List.of("ip", "netns", "pids", "sbs-src"), Map.of());
        assertEquals(0, r.exit(), r.toString());
        List<String> out = new ArrayList<>();
        for (String pid : r.out().strip().split("\\s+")) {
            Path comm = Path.of("/proc", pid, "comm");
            if (!pid.isEmpty() && Files.exists(comm) && Pattern.compile(commPattern).matcher(
                    Files.readString(comm).strip()).find()) {
                out.add(pid);
            }
        }
        return out;
    }

    private static void signal(String sig, List<String> pids) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + sig));
        cmd.addAll(pids);
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor();
    }

    /**
     * Stalls the source's LDAP or SMB processes (SIGSTOP by PID, as the lab's stall-ldap / stall-smb
     * mutations do) for 6 s, starting the moment the run reports its first finished check, so that
     * the checks still to come meet the stalled server. The run must end with no false error, and
     * the stall must show in the results (a call retried on a fresh connection, or a retried SMB
     * read), which proves the stall hit the run.
     */
    private static void stalledRun(String name, String commPattern) throws Exception {
        List<String> pids = sourcePids(commPattern);
        assertFalse(pids.isEmpty(), "no process matching " + commPattern + " in the source's namespace");
        Path ws = Product.newWorkspace("lab-" + name);
        assertEquals(0, mc(ws, "task", "prepare.backup", "complete").exit());
        List<String> cmd = new ArrayList<>(List.of(lab.toString(), "run", Product.script().toString(), "--headless",
                "--workspace", ws.toString(), "check", "--profile", kerberos.toString(), "--password-file",
                PASSWORD.toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        double stoppedAt = -1;
        Thread resume = null;
        StringBuilder err = new StringBuilder();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                err.append(line).append('\n');
                if (stoppedAt < 0 && line.matches("  (pass|fail|error|skipped)\\s+\\S+")) {
                    signal("STOP", pids);
                    stoppedAt = (System.nanoTime() - t0) / 1e9;
                    resume = Thread.ofVirtual().start(() -> {
                        try {
                            Thread.sleep(6_000);
                            signal("CONT", pids);
                        } catch (Exception e) {
                            // the finally below resumes them
                        }
                    });
                }
            }
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the run ended");
        } finally {
            if (resume != null) {
                resume.join(7_000);
            }
            signal("CONT", pids);
            p.destroyForcibly();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        assertTrue(stoppedAt > 0, "the run reported no check: " + err);
        assertEquals(0, p.exitValue(), "a stall of a few seconds is no error:\n" + err);
        // checks/latest.json holds the results of the run (an array)
        JsonObject json = new JsonObject();
        json.add("results", JsonParser.parseString(Files.readString(ws.resolve("checks/latest.json"))).getAsJsonArray());
        Run run = new Run(new Result(p.exitValue(), "", err.toString()), json, s);
        assertEquals(designed(), statuses(run), err.toString());
        List<String> stalls = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray("results")) {
            e.getAsJsonObject().getAsJsonArray("evidence").forEach(x -> {
                if (x.getAsString().startsWith("stalled: ")) {
                    stalls.add(e.getAsJsonObject().get("id").getAsString() + ": " + x.getAsString());
                }
            });
        }
        System.out.printf("[%s] stalled %s for 6 s from %.2f s into the run; run %.2f s, %d stalled call(s): %s%n",
                name, commPattern, stoppedAt, s, stalls.size(), stalls);
        assertFalse(stalls.isEmpty(), "the stall hit the run and the results say which call stalled: " + err);
    }

    @Test
    @Order(5)
    void aStalledLdapServerHoldsNoOtherCheckAndCausesNoFalseError() throws Exception {
        stalledRun("stall-ldap", "^ldap");
    }

    @Test
    @Order(6)
    void aStalledSmbServerCausesNoFalseError() throws Exception {
        stalledRun("stall-smb", "^smbd");
    }

    @Test
    @Order(1)
    void thirtyRunsRightAfterUpGiveNoFalseError() throws Exception {
        Path ws = Product.newWorkspace("lab-loop");
        assertEquals(0, mc(ws, "task", "prepare.backup", "complete").exit());
        long t0 = System.nanoTime();
        double slowest = 0;
        for (int i = 0; i < 30; i++) {
            Run run = check(ws, i % 2 == 0 ? kerberos : PROFILE);
            assertEquals(0, run.exit(), "run " + (i + 1) + ": " + run.result());
            assertEquals(designed(), statuses(run), "run " + (i + 1));
            slowest = Math.max(slowest, run.seconds());
        }
        System.out.printf("[loop] 30 full runs (Kerberos and LDAPS alternating) in %.1f s, slowest %.2f s%n",
                (System.nanoTime() - t0) / 1e9, slowest);
    }

    @Test
    @Order(7)
    void aServerThatStallsInTheTlsHandshakeDoesNotHangTheCommandOrKeepTheLock() throws Exception {
        java.net.ServerSocket silent;
        try {
            silent = new java.net.ServerSocket(636, 50, java.net.InetAddress.getByName("127.0.0.1"));
        } catch (java.io.IOException e) {
            assumeTrue(false, "127.0.0.1:636 is taken: " + e.getMessage());
            return;
        }
        try (silent) {
            List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accepts and never answers
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            Path local = profile("silent-tls", p -> {
                p.setProperty("source.host", "localhost");
                p.setProperty("source.address", "127.0.0.1");
                p.setProperty("source.ldap.security", "ldaps");
            });
            Path ws = Product.newWorkspace("silent-tls");
            long t0 = System.nanoTime();
            Result r = Product.headless(ws, "check", "--profile", local.toString(), "--password-file",
                    PASSWORD.toString());
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("[silent TLS] refused in %.1f s: %s%n", s, r.err().strip());
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains("localhost:636"), r.err());
            assertTrue(s < 25, "bounded: " + s + " s");
            assertFalse(accepted.isEmpty(), "the client did connect");
            // the workspace lock was released: a writer can use the workspace at once
            assertEquals(0, Product.headless(ws, "task", "prepare.backup", "complete").exit());
            acceptor.interrupt();
            for (java.net.Socket a : accepted) {
                a.close();
            }
        }
    }

    @Test
    @Order(8)
    void sigtermEndsAStalledCheckAtOnceAndReleasesTheLock() throws Exception {
        java.net.ServerSocket silent;
        try {
            silent = new java.net.ServerSocket(636, 50, java.net.InetAddress.getByName("127.0.0.1"));
        } catch (java.io.IOException e) {
            assumeTrue(false, "127.0.0.1:636 is taken: " + e.getMessage());
            return;
        }
        try (silent) {
            List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accepts and never answers: the check stalls
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            Path local = profile("sigterm", p -> {
                p.setProperty("source.host", "localhost");
                p.setProperty("source.address", "127.0.0.1");
                p.setProperty("source.ldap.security", "ldaps");
            });
            Path ws = Product.newWorkspace("sigterm");
            ProcessBuilder pb = new ProcessBuilder(Product.script().toString(), "--headless", "--workspace",
                    ws.toString(), "check", "--profile", local.toString(), "--password-file", PASSWORD.toString());
            pb.redirectErrorStream(true);
            pb.redirectOutput(ws.resolveSibling(ws.getFileName() + ".out").toFile());
            Process p = pb.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (accepted.isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50); // until the command holds the lock and waits for the server
            }
            assertFalse(accepted.isEmpty(), "the check connected to the silent server");
            assertTrue(p.isAlive(), "the check still waits for the server");
            // every process of the command gets the signal, as from a terminal or a service manager
            List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
            all.add(p.toHandle());
            long t0 = System.nanoTime();
            Runtime.getRuntime().exec(new String[] { "kill", "-TERM", Long.toString(p.pid()) }).waitFor();
            boolean ended = p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            double s = (System.nanoTime() - t0) / 1e9;
            for (ProcessHandle h : all) {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            System.out.printf("[sigterm] the stalled check ended %.2f s after SIGTERM (exit %s); %d process(es)%n", s,
                    ended ? p.exitValue() : "none", all.size());
            assertTrue(ended, "the command ended after SIGTERM");
            assertTrue(s < 3, "SIGTERM honoured within a second (3 s allowed for a loaded machine): " + s + " s");
            assertTrue(all.stream().noneMatch(ProcessHandle::isAlive), "no process of the command lives on");
            // the lock went with the process: a writer can use the workspace at once
            Result w = Product.headless(ws, "task", "prepare.backup", "complete");
            assertEquals(0, w.exit(), w.toString());
            acceptor.interrupt();
            for (java.net.Socket a : accepted) {
                a.close();
            }
        }
    }

    // ------------------------------------------------------------------ step 3: clients

    private static JsonObject computer(JsonObject list, String name) {
        for (JsonElement e : list.getAsJsonArray("computers")) {
            if (e.getAsJsonObject().get("name").getAsString().equals(name)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no computer " + name + " in " + list);
    }

    private static Map<String, String> classes(JsonObject list) {
        Map<String, String> out = new TreeMap<>();
        list.getAsJsonArray("computers").forEach(e -> out.put(e.getAsJsonObject().get("name").getAsString(),
                e.getAsJsonObject().get("class").getAsString()));
        return out;
    }

    private static JsonObject latestCheck(Path ws, String id) throws Exception {
        for (JsonElement e : JsonParser.parseString(Files.readString(ws.resolve("checks/latest.json")))
                .getAsJsonArray()) {
            if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + id + " in checks/latest.json of " + ws);
    }

    /**
     * Step 3's inventory of the lab's computers (a Windows 2000 one, one without a logon for 200 days,
     * a disabled one, a member server, the source DC), the marks and the check that gates
     * join.connector, all through the product's command line.
     */
    @Test
    void clientsInventoryClassifiesEveryLabComputerAndTheMarksAccountForThem() throws Exception {
        long t0 = System.nanoTime();
        Path ws = Product.newWorkspace("lab-clients");
        Result noInventory = mc(ws, "clients", "mark", "WS-XP01", "excluded", "--reason", "XP");
        assertEquals(1, noInventory.exit(), noInventory.toString());
        assertTrue(noInventory.err().contains("no inventory") && noInventory.err().contains("clients list"),
                noInventory.err());
        assertEquals(0, mc(ws, "profile", "import", PROFILE.toString()).exit());
        Result listed = mc(ws, "clients", "list", "--json", "--password-file", PASSWORD.toString());
        assertEquals(0, listed.exit(), listed.toString());
        assertFalse(listed.out().contains(adminPassword) || listed.err().contains(adminPassword));
        JsonObject list = JsonParser.parseString(listed.out()).getAsJsonObject();
        Map<String, String> expected = new TreeMap<>(Map.of("SBS2003", "domain-controller", "WS-XP01", "legacy",
                "WS-XP02", "legacy", "WS-VISTA01", "legacy", "WS-W2K01", "legacy", "WS-WIN7-01", "connector",
                "WS-WIN10-01", "connector", "LAPTOP-WIN7", "stale", "WS-WIN10-02", "disabled", "APPSRV01", "server"));
        assertEquals(expected, classes(list), "every lab computer's class: " + listed.out());
        assertEquals(90, list.get("staleDays").getAsInt(), "the default");
        JsonObject w2k = computer(list, "WS-W2K01");
        assertEquals("Windows 2000 Professional", w2k.get("operatingSystem").getAsString());
        assertEquals("Service Pack 4", w2k.get("servicePack").getAsString());
        assertTrue(w2k.get("active").getAsBoolean());
        JsonObject laptop = computer(list, "LAPTOP-WIN7");
        long idle = laptop.get("idleDays").getAsLong();
        assertTrue(idle >= 199 && idle <= 201, "lastLogonTimestamp 200 days ago, read to the day: " + laptop);
        assertFalse(laptop.get("active").getAsBoolean());
        assertEquals("connector", laptop.get("system").getAsString(), "a Windows 7 laptop, but stale");
        assertTrue(laptop.get("why").getAsString().contains("more than 90 days"), laptop.toString());
        assertFalse(computer(list, "WS-WIN10-02").get("enabled").getAsBoolean(), "userAccountControl ACCOUNTDISABLE");
        long win7 = computer(list, "WS-WIN7-01").get("idleDays").getAsLong();
        assertTrue(win7 >= 0 && win7 <= 2, "logged on a day ago: " + win7);
        long pwd = java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.parse(computer(list, "WS-WIN7-01")
                .get("passwordSet").getAsString()), java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        assertTrue(pwd >= 0 && pwd <= 1, "pwdLastSet: the machine password the lab set today: " + pwd);
        // DNS: A records for five of them, none for the others
        JsonObject win10 = computer(list, "WS-WIN10-01");
        assertTrue(win10.get("dnsRecord").getAsBoolean(), win10.toString());
        assertEquals("10.99.0.31", win10.getAsJsonArray("dnsAddresses").get(0).getAsString());
        assertEquals("ws-win10-01.contoso.local", win10.get("dnsName").getAsString());
        assertFalse(computer(list, "WS-XP02").get("dnsRecord").getAsBoolean(), "WS-XP02 has no A record");
        assertTrue(computer(list, "APPSRV01").get("dnsRecord").getAsBoolean());
        JsonObject summary = list.getAsJsonObject("summary");
        assertEquals(7, summary.get("active").getAsInt(), summary.toString());
        assertEquals(0, summary.get("accounted").getAsInt(), summary.toString());

        // the listing ran step 3's checks: the gate of join.connector names what is left
        JsonObject accounted = latestCheck(ws, "clients.accounted");
        assertEquals("fail", accounted.get("status").getAsString(), accounted.toString());
        assertTrue(message(accounted).startsWith("7 of 7 active computers are not accounted for yet"),
                message(accounted));
        assertFalse(message(accounted).contains("LAPTOP-WIN7") || message(accounted).contains("SBS2003"),
                message(accounted));
        assertEquals("join.connector", accounted.get("task").getAsString());

        // another threshold for one listing, from the stored inventory: 2 days makes WS-XP02 (5 days) stale
        Result shortList = mc(ws, "clients", "list", "--cached", "--stale-days", "4", "--json");
        assertEquals(0, shortList.exit(), shortList.toString());
        Map<String, String> shortClasses = classes(JsonParser.parseString(shortList.out()).getAsJsonObject());
        assertEquals("stale", shortClasses.get("WS-XP02"));
        assertEquals("stale", shortClasses.get("WS-VISTA01"));
        assertEquals("legacy", shortClasses.get("WS-XP01"));

        // marks; a legacy computer cannot be "connected"
        Result xpConnected = mc(ws, "clients", "mark", "WS-XP01", "connected");
        assertEquals(1, xpConnected.exit(), xpConnected.toString());
        assertTrue(xpConnected.err().contains("Windows XP Professional") && xpConnected.err().contains("excluded"),
                xpConnected.err());
        assertEquals(0, mc(ws, "clients", "mark", "WS-WIN10-01", "connected").exit());
        assertEquals(0, mc(ws, "clients", "mark", "ws-win7-01", "connected").exit(), "names are case-insensitive");
        for (String pc : List.of("WS-XP01", "WS-XP02", "WS-VISTA01", "WS-W2K01")) {
            Result r = mc(ws, "clients", "mark", pc, "excluded", "--reason", "no Connector for this system; replaced"
                    + " in Q1");
            assertEquals(0, r.exit(), r.toString());
        }
        Result again = mc(ws, "clients", "mark", "WS-XP01", "excluded", "--reason",
                "no Connector for this system; replaced in Q1");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("already marked"), again.out());
        Result partial = mc(ws, "clients", "list", "--cached", "--json");
        JsonObject partialSummary = JsonParser.parseString(partial.out()).getAsJsonObject().getAsJsonObject("summary");
        assertEquals(6, partialSummary.get("accounted").getAsInt(), partial.out());
        assertEquals("[\"APPSRV01\"]", partialSummary.getAsJsonArray("left").toString());
        JsonObject xp = computer(JsonParser.parseString(partial.out()).getAsJsonObject(), "WS-XP01");
        assertEquals("excluded", xp.getAsJsonObject("mark").get("state").getAsString());
        assertEquals("no Connector for this system; replaced in Q1",
                xp.getAsJsonObject("mark").get("reason").getAsString());

        Run stillOne = check(ws, PROFILE, "--step", "join");
        assertEquals("fail", stillOne.status("clients.accounted"));
        assertTrue(message(stillOne.check("clients.accounted")).contains("1 of 7")
                && message(stillOne.check("clients.accounted")).contains("APPSRV01"),
                message(stillOne.check("clients.accounted")));
        assertEquals(0, mc(ws, "clients", "mark", "APPSRV01", "excluded", "--reason", "member server").exit());
        Run all = check(ws, PROFILE, "--step", "join");
        assertEquals("pass", all.status("clients.accounted"), all.check("clients.accounted").toString());
        assertTrue(message(all.check("clients.accounted")).contains("All 7 active computers are accounted for (2"
                + " connected, 5 excluded)"), message(all.check("clients.accounted")));
        // the marks are journal notes of join.connector, with user and time
        String journal = mc(ws, "journal").out();
        assertTrue(journal.contains("Computer WS-W2K01 marked excluded: no Connector for this system"), journal);
        assertEquals(1, journal.split("Computer WS-XP01 marked", -1).length - 1, "the repeated mark is not journalled");
        // a client's gpresult /r (UTF-16LE, as PowerShell saves it): user settings still from the source
        String gp = "\r\nCOMPUTER SETTINGS\r\n------------------\r\n    CN=WS-WIN10-01,OU=SBSComputers\r\n"
                + "    Last time Group Policy was applied: 12/1/2026 at 9:20:00 AM\r\n"
                + "    Group Policy was applied from:      NEWDC.contoso.local\r\n\r\nUSER SETTINGS\r\n"
                + "--------------\r\n    Last time Group Policy was applied: 12/1/2026 at 9:26:27 AM\r\n"
                + "    Group Policy was applied from:      SBS2003.contoso.local\r\n";
        Path gpFile = ws.resolve("gpresult-ws-win10-01.txt");
        byte[] utf16 = gp.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xff;
        withBom[1] = (byte) 0xfe;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);
        Files.write(gpFile, withBom);
        Result notYet = mc(ws, "clients", "gpresult", "WS-WIN10-01", gpFile.toString(), "--json");
        assertEquals(1, notYet.exit(), notYet.toString());
        JsonObject gpJson = JsonParser.parseString(notYet.out()).getAsJsonObject();
        assertEquals("destination", gpJson.getAsJsonArray("sections").get(0).getAsJsonObject().get("server")
                .getAsString());
        assertEquals("source", gpJson.getAsJsonArray("sections").get(1).getAsJsonObject().get("server")
                .getAsString());
        Files.writeString(gpFile, gp.replace("SBS2003.contoso.local", "NEWDC"), StandardCharsets.UTF_8);
        Result fromDestination = mc(ws, "clients", "gpresult", "ws-win10-01", gpFile.toString());
        assertEquals(0, fromDestination.exit(), fromDestination.toString());
        assertTrue(fromDestination.out().contains("user settings from NEWDC (the destination)"),
                fromDestination.out());
        assertTrue(mc(ws, "journal").out().contains("gpresult of WS-WIN10-01: computer settings from"
                + " NEWDC.contoso.local (the destination); user settings from SBS2003.contoso.local (the source)"));
        System.out.printf("[clients] inventory, marks and gate in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Bad input to the clients commands: exit 2 naming the field and the rule, nothing journalled. */
    @Test
    void clientsBadInputNamesTheFieldAndTheRule() throws Exception {
        long t0 = System.nanoTime();
        Path ws = Product.newWorkspace("lab-clients-bad");
        assertEquals(0, mc(ws, "profile", "import", PROFILE.toString()).exit());
        assertEquals(0, mc(ws, "clients", "list", "--password-file", PASSWORD.toString()).exit());
        String before = Files.readString(ws.resolve("journal.jsonl"));
        Map<List<String>, List<String>> cases = new LinkedHashMap<>();
        cases.put(List.of("mark", "WS-XP01", "excluded"), List.of("--reason", "required"));
        cases.put(List.of("mark", "WS-XP01", "excluded", "--reason", "  "), List.of("--reason", "empty"));
        cases.put(List.of("mark", "WS-XP01", "excluded", "--reason", "a\u0007b"), List.of("--reason",
                "control"));
        cases.put(List.of("mark", "WS-XP01", "excluded", "--reason", "x".repeat(201)), List.of("--reason",
                "at most 200"));
        cases.put(List.of("mark", "WS-XP01", "gone"), List.of("STATE 'gone'", "connected or excluded"));
        cases.put(List.of("mark", "NO-SUCH-PC", "connected"), List.of("NAME 'NO-SUCH-PC'", "no computer account"));
        cases.put(List.of("mark", "WS XP01", "connected"), List.of("NAME", "without spaces"));
        cases.put(List.of("list", "--cached", "--stale-days", "0"), List.of("--stale-days", "1 to 9999"));
        cases.put(List.of("list", "--cached", "--stale-days", "ninety"), List.of("--stale-days", "1 to 9999"));
        cases.put(List.of("list", "--cached", "--password-file", PASSWORD.toString()), List.of("--cached",
                "--password-file"));
        cases.put(List.of("list", "--password-file", "/nonexistent/admin.password"), List.of("--password-file",
                "/nonexistent/admin.password"));
        Path notGp = Product.newWorkspace("lab-clients-bad-files").resolve("notes.txt");
        Files.writeString(notGp, "Windows IP Configuration\r\n   Host Name . . . : WS-XP01\r\n");
        cases.put(List.of("gpresult", "WS-XP01", notGp.toString()), List.of("FILE", "Group Policy was applied from"));
        cases.put(List.of("gpresult", "WS-XP01", notGp.resolveSibling("missing.txt").toString()), List.of("FILE",
                "not a regular file"));
        cases.put(List.of("gpresult", "NO-SUCH-PC", notGp.toString()), List.of("NAME 'NO-SUCH-PC'"));
        for (Map.Entry<List<String>, List<String>> c : cases.entrySet()) {
            List<String> args = new ArrayList<>(List.of("clients"));
            args.addAll(c.getKey());
            Result r = Product.headless(ws, args.toArray(String[]::new));
            assertEquals(2, r.exit(), c.getKey() + ": " + r);
            for (String m : c.getValue()) {
                assertTrue(r.err().contains(m), c.getKey() + ": '" + m + "' in " + r.err());
            }
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        }
        assertEquals(before, Files.readString(ws.resolve("journal.jsonl")), "nothing journalled by refused input");
        System.out.printf("[clients] %d bad inputs refused in %.1f s%n", cases.size(), (System.nanoTime() - t0) / 1e9);
    }

    // ------------------------------------------------------------------ gating

    @Test
    void checkGatedTasksCompleteOnlyAfterTheirChecksPassed() throws Exception {
        Path ws = Product.newWorkspace("lab-gating");
        assertEquals(0, mc(ws, "task", "prepare.backup", "complete").exit());
        assertEquals(0, mc(ws, "task", "prepare.sbs-sp1", "complete").exit());
        Result notYet = mc(ws, "task", "prepare.windows-sp2", "complete");
        assertEquals(1, notYet.exit(), notYet.toString());
        assertTrue(notYet.err().contains("check source.os-service-pack has not run yet"), notYet.err());

        Result m = labScript("mutate", "remove-mybusiness-ou");
        assertEquals(0, m.exit(), m.toString());
        try {
            Run failing = check(ws, PROFILE, "--step", "prepare");
            assertEquals(1, failing.exit());
            assertEquals(List.of("domain.mybusiness-ou"), failing.blocking());
            assertEquals(0, mc(ws, "task", "prepare.windows-sp2", "complete").exit(), "SP2 check passed");
            Result refusedTask = mc(ws, "task", "prepare.support-tools", "complete");
            assertEquals(1, refusedTask.exit(), refusedTask.toString());
            assertTrue(refusedTask.err().contains("check-gated") && refusedTask.err().contains("domain.mybusiness-ou"),
                    refusedTask.err());
        } finally {
            assertEquals(0, labScript("mutate", "restore-remove-mybusiness-ou").exit());
        }
        Run passing = check(ws, PROFILE, "--step", "prepare");
        assertEquals(0, passing.exit(), passing.result().toString());
        Result accepted = mc(ws, "task", "prepare.support-tools", "complete", "--note", "checks pass");
        assertEquals(0, accepted.exit(), accepted.toString());
        assertTrue(accepted.out().contains("prepare.support-tools: not-started -> completed"), accepted.out());
    }
}
