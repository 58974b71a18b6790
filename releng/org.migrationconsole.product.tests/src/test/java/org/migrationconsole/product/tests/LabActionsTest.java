package org.migrationconsole.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
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
 * The server-change actions of the materialized product against the SBS 2003 lab: for every action
 * the whole directory (domain, Configuration, Schema, DomainDnsZones, ForestDnsZones) is captured as
 * LDIF with the SYSVOL tree's hashes, then plan, apply, the action's check, undo, capture again: the
 * two captures must be equal but for the server-owned attributes, which the test prints. Then
 * conflicts (plan/apply, apply/undo), a refused password and an account without rights, and kill -9
 * at random points (the seed is printed) followed by resume or undo. Needs root; skipped otherwise.
 *
 * <p>The product's {@code --headless action|change} commands run inside the lab's client namespace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabActionsTest {

    private static final String LAB_DIR = "/run/migration-console-lab";
    private static final Path PROFILE = Path.of(LAB_DIR, "lab.profile");
    private static final Path PASSWORD = Path.of(LAB_DIR, "admin.password");
    private static final String DOMAIN = "DC=contoso,DC=local";
    private static final List<String> PARTITIONS = List.of(DOMAIN, "CN=Configuration," + DOMAIN,
            "CN=Schema,CN=Configuration," + DOMAIN, "DC=DomainDnsZones," + DOMAIN, "DC=ForestDnsZones," + DOMAIN);
    /** A destination folder-redirection policy (the gate of the step-5 action), made by the test. */
    private static final String FR_POLICY = "CN={0D0D0D0D-1111-4222-8333-444455556666},CN=Policies,CN=System,"
            + DOMAIN;

    /** Changed by the server on any write or bind: never restorable by a client. */
    private static final Set<String> SERVER_OWNED = caseless("uSNChanged", "whenChanged", "replPropertyMetaData",
            "dSCorePropagationData", "lastLogon", "lastLogonTimestamp", "logonCount", "badPwdCount",
            "badPasswordTime", "lastLogoff");
    /** What an entry brought back from its tombstone keeps of it (a client cannot remove it). */
    private static final Set<String> REANIMATED = caseless("lastKnownParent", "msDS-LastKnownRDN");
    /** What a re-created entry gets new from the server. */
    private static final Set<String> RECREATED = caseless("objectGUID", "whenCreated", "uSNCreated");

    private static Path repo;
    private static Path lab;
    private static boolean startedLab;
    private static Path pwNoNewline;
    private static Path sysvol;
    private static final List<String> FIGURES = new ArrayList<>();

    @BeforeAll
    static void labUp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "the SBS 2003 lab needs root (network namespaces, mounts, Samba AD)");
        Path p = Product.dir();
        while (p != null && !Files.exists(p.resolve("ARCHITECTURE.md"))) {
            p = p.getParent();
        }
        assertNotNull(p);
        repo = p;
        lab = repo.resolve("releng/lab/sbs-lab.sh");
        if (labScript("status").exit() == 0) {
            System.out.println("[lab] already live: taken down and built again for a known baseline");
            assertEquals(0, labScript("down").exit());
        }
        long t0 = System.nanoTime();
        Result up = labScript("up");
        assertEquals(0, up.exit(), "sbs-lab.sh up: " + up);
        startedLab = true;
        System.out.printf("[lab] up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Path work = Product.newWorkspace("actions-secrets");
        pwNoNewline = work.resolve("pw");
        Files.writeString(pwNoNewline, Files.readAllLines(PASSWORD).get(0), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(pwNoNewline, PosixFilePermissions.fromString("rw-------"));
        sysvol = Path.of(LAB_DIR, "src/state/sysvol");
        // the destination's own folder-redirection policy, which the step-5 action waits for
        ldap("ldapadd", "dn: " + FR_POLICY + "\nobjectClass: groupPolicyContainer\ndisplayName: Folder Redirection"
                + " Group Policy\ngPCUserExtensionNames: [{25537BA6-77A8-11D2-9B6C-0000F8080861}"
                + "{88E729D6-BDC1-11D1-BD2A-00C04FB9603F}]\nflags: 0\nversionNumber: 1\n");
    }

    @AfterAll
    static void labDown() throws Exception {
        System.out.println("[figures]");
        FIGURES.forEach(f -> System.out.println("  " + f));
        if (startedLab) {
            assertEquals(0, labScript("down").exit());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Set<String> caseless(String... names) {
        Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(List.of(names));
        return s;
    }

    private static Result labScript(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(lab.toString()));
        cmd.addAll(List.of(args));
        return Product.run(cmd, Map.of());
    }

    /** {@code migration-console --headless --workspace WS args...} inside the lab's client namespace. */
    private static List<String> engineCommand(Path ws, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(lab.toString(), "run", Product.script().toString(), "--headless",
                "--workspace", ws.toString()));
        cmd.addAll(args);
        return cmd;
    }

    /** The engine's test hook (sleep around every write), through the JVM's environment. */
    private static Map<String, String> slow(long stepMs) {
        return Map.of("JAVA_TOOL_OPTIONS", "-Dmigrationconsole.actions.stepMillis=" + stepMs);
    }

    /** An action/change command with the lab profile and the admin password. */
    private static Result mc(Path ws, String... args) throws Exception {
        return mcWith(ws, Map.of(), PROFILE, PASSWORD, args);
    }

    private static Result mcWith(Path ws, Map<String, String> props, Path profile, Path password, String... args)
            throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--profile", profile.toString(), "--password-file", password.toString()));
        return Product.run(engineCommand(ws, a), props);
    }

    /** ldapadd/ldapmodify/ldapdelete in the lab as Administrator over LDAPS. */
    private static void ldap(String tool, String ldif) throws Exception {
        Path f = Files.createTempFile("ldif", ".ldif");
        Files.writeString(f, ldif);
        Result r = Product.run(List.of(lab.toString(), "run", tool, "-H", "ldaps://sbs2003.contoso.local", "-x", "-D",
                "Administrator@contoso.local", "-y", pwNoNewline.toString(), "-f", f.toString()), Map.of());
        Files.delete(f);
        assertEquals(0, r.exit(), tool + ": " + r);
    }

    private static String ldapValue(String dn, String attribute) throws Exception {
        Map<String, Map<String, List<String>>> e = search(dn, "base", attribute);
        Map<String, List<String>> attrs = e.get(dn.toLowerCase(Locale.ROOT));
        if (attrs == null) {
            return null;
        }
        List<String> v = attrs.get(attribute.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** ldapsearch in the lab; entries by lower-case DN, attributes by lower-case name, values sorted. */
    private static Map<String, Map<String, List<String>>> search(String base, String scope, String... attrs)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(lab.toString(), "run", "ldapsearch", "-LLL", "-o", "ldif-wrap=no",
                "-H", "ldaps://sbs2003.contoso.local", "-x", "-D", "Administrator@contoso.local", "-y", pwNoNewline
                        .toString(), "-s", scope, "-b", base, "(objectClass=*)"));
        cmd.addAll(List.of(attrs));
        Result r = Product.run(cmd, Map.of());
        assertTrue(r.exit() == 0 || r.exit() == 32, "ldapsearch " + base + ": " + r);
        return parseLdif(r.out());
    }

    static Map<String, Map<String, List<String>>> parseLdif(String text) {
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        Map<String, List<String>> cur = null;
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                cur = null;
                continue;
            }
            if (line.startsWith("#") || line.startsWith("ref:")) {
                continue;
            }
            int c = line.indexOf(':');
            if (c < 0) {
                continue;
            }
            String name = line.substring(0, c);
            String value;
            if (line.startsWith("::", c)) {
                value = "b64:" + line.substring(c + 2).strip();
            } else {
                value = line.substring(c + 1).strip();
            }
            if (name.equals("dn")) {
                String dn = value.startsWith("b64:") ? new String(Base64.getDecoder().decode(value.substring(4)),
                        StandardCharsets.UTF_8) : value;
                cur = new TreeMap<>();
                out.put(dn.toLowerCase(Locale.ROOT), cur);
                continue;
            }
            if (cur != null) {
                cur.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            }
        }
        for (Map<String, List<String>> e : out.values()) {
            e.values().forEach(v -> v.sort(null));
        }
        return out;
    }

    /** The whole directory (every partition, or all but the schema) and the SYSVOL tree's hashes. */
    record Capture(Map<String, Map<String, List<String>>> entries, Map<String, String> files) {
    }

    private static Capture capture(boolean withSchema) throws Exception {
        Map<String, Map<String, List<String>>> all = new TreeMap<>();
        for (String nc : PARTITIONS) {
            if (!withSchema && nc.startsWith("CN=Schema")) {
                continue;
            }
            all.putAll(search(nc, "sub", "*", "nTSecurityDescriptor", "uSNChanged", "whenChanged", "whenCreated",
                    "uSNCreated", "objectGUID"));
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(sysvol)) {
            for (Path f : s.toList()) {
                String rel = sysvol.relativize(f).toString();
                files.put(rel, Files.isDirectory(f) ? "folder" : HexFormat.of().formatHex(MessageDigest.getInstance(
                        "SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return new Capture(all, files);
    }

    /**
     * Compares two captures; fails on any difference but the server-owned attributes (every entry)
     * and what a client cannot set on a re-created entry. Prints exactly what it ignored.
     */
    private static void assertSame(String what, Capture before, Capture after) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> ignored = new TreeMap<>();
        List<String> recreatedDns = new ArrayList<>();
        Set<String> dns = new TreeSet<>(before.entries().keySet());
        dns.addAll(after.entries().keySet());
        for (String dn : dns) {
            Map<String, List<String>> a = before.entries().get(dn);
            Map<String, List<String>> b = after.entries().get(dn);
            if (a == null || b == null) {
                problems.add((a == null ? "new entry " : "missing entry ") + dn);
                continue;
            }
            boolean recreated = !a.get("objectguid").equals(b.get("objectguid"));
            if (recreated) {
                recreatedDns.add(dn);
            }
            Set<String> names = new TreeSet<>(a.keySet());
            names.addAll(b.keySet());
            for (String n : names) {
                List<String> x = a.getOrDefault(n, List.of());
                List<String> y = b.getOrDefault(n, List.of());
                if (x.equals(y)) {
                    continue;
                }
                if (recreated && RECREATED.contains(n)) {
                    ignored.merge(n + " (re-created)", 1, Integer::sum);
                } else if (x.isEmpty() && REANIMATED.contains(n)) {
                    ignored.merge(n + " (back from the tombstone)", 1, Integer::sum);
                } else if (SERVER_OWNED.contains(n)) {
                    ignored.merge(n, 1, Integer::sum);
                } else {
                    problems.add(dn + ": " + n + " " + shorten(x) + " -> " + shorten(y));
                }
            }
        }
        Set<String> paths = new TreeSet<>(before.files().keySet());
        paths.addAll(after.files().keySet());
        for (String f : paths) {
            String x = before.files().get(f);
            String y = after.files().get(f);
            if (x == null || !x.equals(y)) {
                problems.add("SYSVOL " + f + ": " + x + " -> " + y);
            }
        }
        System.out.println("[" + what + "] compared " + dns.size() + " entries and " + paths.size()
                + " SYSVOL paths; ignored (attribute = number of entries): " + ignored + (recreatedDns.isEmpty() ? ""
                        : "; re-created entries (" + recreatedDns.size() + "): " + (recreatedDns.size() <= 8
                                ? String.join("; ", recreatedDns) : String.join("; ", recreatedDns.subList(0, 8))
                                        + "; ...")));
        assertTrue(problems.isEmpty(), what + ": the directory or SYSVOL differs after the undo:\n  " + String.join(
                "\n  ", problems));
    }

    private static String shorten(List<String> v) {
        String s = String.join(" | ", v);
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    private static JsonObject json(Result r) {
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    private static JsonObject change(Path ws, String id) throws Exception {
        Result r = Product.run(engineCommand(ws, List.of("change", "show", id, "--json")), Map.of());
        assertEquals(0, r.exit(), r.toString());
        return json(r);
    }

    private static String changeId(Result apply) {
        for (String line : apply.out().split("\n")) {
            if (line.startsWith("change chg-")) {
                return line.substring("change ".length(), line.indexOf(':'));
            }
        }
        throw new AssertionError("no change id in " + apply);
    }

    private static long millis(Result r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) ms\\)").matcher(r.out());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** plan, apply, the check, undo; the captures before and after must be equal. */
    private static void roundTrip(String action, String check, List<String> options, int expectedChanges)
            throws Exception {
        Path ws = Product.newWorkspace(action);
        Capture before = capture(true);
        List<String> plan = new ArrayList<>(List.of("action", "plan", action, "--json"));
        options.forEach(o -> plan.addAll(List.of("--option", o)));
        Result p = mc(ws, plan.toArray(String[]::new));
        assertEquals(0, p.exit(), p.toString());
        JsonArray changes = json(p).getAsJsonArray("changes");
        assertEquals(expectedChanges, changes.size(), "changes planned by " + action + ": " + p.out());
        assertSame(action + " plan (writes nothing)", before, capture(true));
        Result a = mc(ws, "action", "apply", action, "--yes");
        assertEquals(0, a.exit(), "apply " + action + ": " + a);
        String id = changeId(a);
        JsonObject c = change(ws, id);
        assertEquals("applied", c.get("state").getAsString(), c.toString());
        assertEquals(expectedChanges, c.get("applied").getAsInt());
        if (check != null) {
            assertTrue(c.get("message").getAsString().contains("check " + check + " passed"),
                    "the action's check passes after the apply: " + c.get("message"));
        }
        Result u = mc(ws, "change", "undo", id);
        assertEquals(0, u.exit(), "undo " + id + ": " + u);
        JsonObject done = change(ws, id);
        assertEquals("undone", done.get("state").getAsString(), done.toString());
        System.out.println("[" + action + "] undo: " + done.get("message").getAsString());
        assertSame(action, before, capture(true));
        FIGURES.add(String.format("%-45s %2d changes  apply %5d ms  undo %5d ms  backup %7d bytes", action,
                expectedChanges, millis(a), millis(u), c.get("backupBytes").getAsLong()));
    }

    // ------------------------------------------------------------------ every action, round trip

    @Test
    @Order(1)
    void clearLogonScriptAndDeleteItFromNetlogon() throws Exception {
        // 6 wizard users, one of them (pgarcia) with the script name in another letter case, and the script
        roundTrip("move.clear-sbs-logon-script", "domain.sbs-logon-script-users", List.of("delete-script=true"), 7);
    }

    @Test
    @Order(2)
    void deleteLegacyGposWithTheirLinksAndSysvolFolders() throws Exception {
        // 4 gPLink holders (domain root, Domain Controllers, SBSComputers, the site), 7 containers, 7 folders
        roundTrip("move.delete-legacy-gpos", "domain.legacy-gpos", List.of(), 18);
    }

    @Test
    @Order(3)
    void deleteWmiFiltersAndUnbindThem() throws Exception {
        roundTrip("move.delete-wmi-filters", "domain.wmi-filters", List.of(), 4);
    }

    @Test
    @Order(4)
    void deleteFolderRedirectionGpo() throws Exception {
        roundTrip("redirect.delete-sbs-folder-redirection-gpo", null, List.of(), 2);
    }

    @Test
    @Order(5)
    void clearLogonAsServiceInItsOwnEncoding() throws Exception {
        Path ws = Product.newWorkspace("encoding");
        Result p = mc(ws, "action", "plan", "prepare.clear-logon-as-service", "--json");
        assertEquals(0, p.exit(), p.toString());
        JsonObject tmpl = json(p).getAsJsonArray("changes").get(0).getAsJsonObject();
        byte[] b = Base64.getDecoder().decode(tmpl.get("newContentBase64").getAsString());
        assertEquals(0xff, b[0] & 0xff, "UTF-16LE BOM kept");
        assertEquals(0xfe, b[1] & 0xff, "UTF-16LE BOM kept");
        String text = new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        assertFalse(text.contains("SeServiceLogonRight"), text);
        assertTrue(text.contains("\r\nSeBatchLogonRight = "), "CRLF kept: " + text);
        assertFalse(text.replace("\r\n", "").contains("\n"), "no bare LF");
        roundTrip("prepare.clear-logon-as-service", "domain.logon-as-service", List.of(), 3);
    }

    @Test
    @Order(6)
    void grantBatchLogonToAdministrators() throws Exception {
        Result m = labScript("mutate", "remove-admin-batch-logon");
        assertEquals(0, m.exit(), m.toString());
        try {
            roundTrip("post.grant-batch-logon", null, List.of(), 3);
        } finally {
            assertEquals(0, labScript("mutate", "restore-remove-admin-batch-logon").exit());
        }
    }

    // ------------------------------------------------------------------ conflicts and refusals

    private static final String JSMITH = "CN=John Smith,OU=SBSUsers,OU=Users,OU=MyBusiness," + DOMAIN;
    private static final String MJONES = "CN=Mary Jones,OU=SBSUsers,OU=Users,OU=MyBusiness," + DOMAIN;

    private static void setScriptPath(String dn, String value) throws Exception {
        ldap("ldapmodify", "dn: " + dn + "\nchangetype: modify\nreplace: scriptPath\nscriptPath: " + value + "\n");
    }

    @Test
    @Order(7)
    void entryChangedBetweenPlanAndApplyIsRefusedNamingEntryAndAttribute() throws Exception {
        Path ws = Product.newWorkspace("conflict-plan");
        assertEquals(0, mc(ws, "action", "plan", "move.clear-sbs-logon-script").exit());
        setScriptPath(JSMITH, "other.bat");
        try {
            Result a = mc(ws, "action", "apply", "move.clear-sbs-logon-script", "--yes");
            assertEquals(1, a.exit(), a.toString());
            assertTrue(a.err().contains(JSMITH) && a.err().contains("scriptPath"), "names entry and attribute: "
                    + a.err());
            assertEquals("SBS_LOGIN_SCRIPT.bat", ldapValue(MJONES, "scriptPath"), "nothing was written");
            assertEquals("other.bat", ldapValue(JSMITH, "scriptPath"));
            Result list = Product.run(engineCommand(ws, List.of("change", "list", "--json")), Map.of());
            assertEquals(0, JsonParser.parseString(list.out()).getAsJsonArray().size(), "no change recorded");
        } finally {
            setScriptPath(JSMITH, "SBS_LOGIN_SCRIPT.bat");
        }
    }

    @Test
    @Order(8)
    void entryChangedBetweenApplyAndUndoIsRefusedUnlessForced() throws Exception {
        Path ws = Product.newWorkspace("conflict-undo");
        Capture before = capture(false);
        Result a = mc(ws, "action", "apply", "move.clear-sbs-logon-script", "--yes");
        assertEquals(0, a.exit(), a.toString());
        String id = changeId(a);
        setScriptPath(JSMITH, "changed-after-apply.bat");
        Result u = mc(ws, "change", "undo", id);
        assertEquals(1, u.exit(), u.toString());
        assertTrue(u.err().contains(JSMITH) && u.err().contains("scriptPath"), "names entry and attribute: "
                + u.err());
        assertEquals(null, ldapValue(MJONES, "scriptPath"), "the refused undo wrote nothing");
        assertEquals("applied", change(ws, id).get("state").getAsString());
        Result f = mc(ws, "change", "undo", id, "--force");
        assertEquals(0, f.exit(), f.toString());
        assertSame("undo --force", before, capture(false));
    }

    @Test
    @Order(9)
    void refusedPasswordAndAccountWithoutRightsWriteNothing() throws Exception {
        Path ws = Product.newWorkspace("refusals");
        Path bad = ws.resolve("bad.password");
        Files.writeString(bad, "not-the-password\n");
        Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rw-------"));
        Capture before = capture(false);
        Result r = mcWith(ws, Map.of(), PROFILE, bad, "action", "apply", "move.delete-wmi-filters", "--yes");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("refused the password"), r.err());
        Path jsmith = ws.resolve("jsmith.profile");
        Files.writeString(jsmith, Files.readString(PROFILE).replace("source.admin=Administrator",
                "source.admin=jsmith"));
        Result n = mcWith(ws, Map.of(), jsmith, Path.of(LAB_DIR, "user.password"), "action", "apply",
                "move.clear-sbs-logon-script", "--yes");
        assertEquals(1, n.exit(), n.toString());
        assertTrue(n.err().contains("may not write scriptPath") && n.err().contains("nothing was changed"), n.err());
        Result g = mcWith(ws, Map.of(), jsmith, Path.of(LAB_DIR, "user.password"), "action", "apply",
                "move.delete-legacy-gpos", "--yes");
        assertEquals(1, g.exit(), g.toString());
        assertTrue(g.err().contains("may not"), g.err());
        assertSame("refusals", before, capture(false));
    }

    @Test
    @Order(9)
    void aKerberosProfileChangesTheServerOverGssapiAndUndoes() throws Exception {
        // a stock SBS 2003 has no certificate: the default profile binds with Kerberos (signed and sealed)
        Path ws = Product.newWorkspace("kerberos-action");
        Path kerberos = ws.resolve("kerberos.profile");
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(PROFILE)) {
            if (!line.startsWith("lab.ca=") && !line.startsWith("source.ldap.security=")) {
                sb.append(line).append('\n');
            }
        }
        Files.writeString(kerberos, sb.toString());
        Capture before = capture(true);
        Result a = mcWith(ws, Map.of(), kerberos, PASSWORD, "action", "apply", "move.delete-wmi-filters", "--yes");
        assertEquals(0, a.exit(), "apply over Kerberos: " + a);
        String id = changeId(a);
        JsonObject c = change(ws, id);
        assertEquals("applied", c.get("state").getAsString(), c.toString());
        // the customer's report lists the change with what it changed, and later that it was undone
        String applied = reportHtml(ws);
        assertTrue(applied.contains("Server changes") && applied.contains("applied and verified")
                && applied.contains("CN=WMIPolicy") && applied.contains(id), "the report's server changes section");
        Result u = mcWith(ws, Map.of(), kerberos, PASSWORD, "change", "undo", id);
        assertEquals(0, u.exit(), "undo over Kerberos: " + u);
        assertSame("apply and undo over Kerberos", before, capture(true));
        String undone = reportHtml(ws);
        assertTrue(undone.contains("undone (4 of 4 restored)"), "the report says the change was undone");
        assertFalse(undone.contains(Files.readString(PASSWORD).strip()), "no password in the report");
    }

    /** The report's HTML for a workspace ({@code report --out DIR --format html}). */
    private static String reportHtml(Path ws) throws Exception {
        Path out = Files.createTempDirectory(ws, "report-");
        Result r = Product.headless(ws, "report", "--out", out.toString(), "--format", "html");
        assertEquals(0, r.exit(), r.toString());
        try (Stream<Path> files = Files.list(out)) {
            Path html = files.filter(f -> f.toString().endsWith(".html")).findFirst().orElseThrow();
            return Files.readString(html);
        }
    }

    // ------------------------------------------------------------------ kill -9

    @Test
    @Order(10)
    void killedAtRandomPointsThenResumedOrUndone() throws Exception {
        long seed = Long.getLong("actions.seed", System.nanoTime());
        System.out.println("[kill -9] seed " + seed + " (-Dactions.seed=" + seed + " repeats it)");
        Random rnd = new Random(seed);
        String[][] actions = {
            {"move.clear-sbs-logon-script", "delete-script=true", "7"},
            {"move.delete-wmi-filters", null, "4"},
            {"move.delete-legacy-gpos", null, "18"},
            {"redirect.delete-sbs-folder-redirection-gpo", null, "2"},
            {"prepare.clear-logon-as-service", null, "3"}};
        Capture baseline = capture(false);
        int points = Integer.getInteger("actions.killPoints", 20);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < points; i++) {
            String[] act = actions[i % actions.length];
            Path ws = Product.newWorkspace("kill-" + i);
            int n = Integer.parseInt(act[2]);
            long stepMs = 120;
            long delay = (long) (rnd.nextDouble() * (2 * n * stepMs + 200));
            List<String> args = new ArrayList<>(List.of("action", "apply", act[0], "--yes"));
            if (act[1] != null) {
                args.addAll(List.of("--option", act[1]));
            }
            args.addAll(List.of("--profile", PROFILE.toString(), "--password-file", PASSWORD.toString()));
            String killedAt = killAfter(engineCommand(ws, args), slow(stepMs), "change 1 of", delay);
            // restart: the next command says where the change stopped
            Result list = Product.run(engineCommand(ws, List.of("change", "list", "--json")), Map.of());
            assertEquals(0, list.exit(), list.toString());
            JsonArray all = JsonParser.parseString(list.out()).getAsJsonArray();
            String outcome;
            if (all.isEmpty()) {
                outcome = "killed before the intent record (nothing written)";
            } else {
                JsonObject c = all.get(0).getAsJsonObject();
                String id = c.get("id").getAsString();
                String state = c.get("state").getAsString();
                if (state.equals("interrupted")) {
                    assertTrue(list.err().contains("interrupted after " + c.get("applied").getAsInt() + " of " + n
                            + " changes"), "the restart says where it stopped: " + list.err());
                }
                boolean resume = state.equals("interrupted") && rnd.nextBoolean();
                if (resume) {
                    Result r = mc(ws, "change", "resume", id);
                    assertEquals(0, r.exit(), "resume: " + r);
                    assertEquals("applied", change(ws, id).get("state").getAsString());
                }
                if (rnd.nextInt(3) == 0) { // a kill during the undo too
                    List<String> undo = new ArrayList<>(List.of("change", "undo", id, "--profile", PROFILE.toString(),
                            "--password-file", PASSWORD.toString()));
                    killAfter(engineCommand(ws, undo), slow(stepMs), "undo 1 of", (long) (rnd.nextDouble() * 2 * n
                            * stepMs));
                }
                JsonObject now = change(ws, id);
                if (!now.get("state").getAsString().equals("undone")) {
                    Result u = mc(ws, "change", "undo", id);
                    assertEquals(0, u.exit(), "undo after the kill: " + u);
                }
                outcome = state + " after " + c.get("applied").getAsInt() + "/" + n + (resume ? ", resumed" : "")
                        + ", undone";
            }
            System.out.println("[kill -9] " + (i + 1) + ": " + act[0] + " killed " + killedAt + " -> " + outcome);
            outcomes.merge(outcome.replaceAll(" after \\d+/\\d+", ""), 1, Integer::sum);
            assertSame("kill " + (i + 1), baseline, capture(false));
        }
        System.out.println("[kill -9] outcomes: " + outcomes);
    }

    /**
     * Starts the command, waits until its stderr shows {@code marker}, waits {@code delay} ms more
     * and kills the JVM with SIGKILL (unless it ended by itself).
     */
    private static String killAfter(List<String> cmd, Map<String, String> env, String marker, long delay)
            throws Exception {
        Path err = Files.createTempFile("kill", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(
                ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (p.isAlive() && !Files.readString(err).contains(marker) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(delay);
        String at;
        if (p.isAlive()) {
            // sbs-lab.sh run and the launch script exec into the JVM: the process started is the JVM itself
            List<ProcessHandle> jvms = new ArrayList<>(List.of(p.toHandle()));
            jvms.addAll(p.descendants().filter(h -> h.info().command().orElse("").endsWith("/java")).toList());
            for (ProcessHandle h : jvms) {
                new ProcessBuilder("kill", "-9", Long.toString(h.pid())).start().waitFor();
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the JVM ended after SIGKILL");
            if (p.exitValue() == 0) {
                // it finished between the isAlive() above and the kill: a race, not a failure
                at = "never: it ended first (0, just before the kill)";
            } else {
                assertEquals(137, p.exitValue(), "killed by SIGKILL");
                String e = Files.readString(err);
                String[] lines = e.strip().split("\n");
                at = "after " + delay + " ms (last line: " + lines[lines.length - 1] + ")";
            }
        } else {
            at = "never: it ended first (" + p.exitValue() + ")";
        }
        Files.delete(err);
        return at;
    }
}
