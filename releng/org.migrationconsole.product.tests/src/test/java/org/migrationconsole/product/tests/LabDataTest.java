package org.migrationconsole.product.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.JsonArray;
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
 * Step 4's data commands of the materialized product against the SBS 2003 lab: {@code data inventory}
 * over SMB compared with what the lab made on disk (counted here independently, by a Python walk of the
 * share folders), the shares left out, the path over 260 characters and the non-ASCII names;
 * {@code data plan} against NEWDC's 7 MiB data shares (refused with the numbers, then a plan that fits);
 * the robocopy scripts' exact bytes. Needs root; skipped otherwise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabDataTest {

    private static final String LAB_DIR = "/run/migration-console-lab";
    private static final Path PROFILE = Path.of(LAB_DIR, "lab.profile");
    private static final Path PASSWORD = Path.of(LAB_DIR, "admin.password");
    private static final Path SHARES = Path.of(LAB_DIR, "src/shares");
    /** Share name → folder under src/shares (the lab's smb.conf). */
    private static final Map<String, String> USER_DATA = Map.of("UserShares", "UserShares", "ClientApps", "ClientApps",
            "Public", "Public", "Company", "Company", "Users", "Users", "Scans$", "Scans");

    /** The lab-side count: the same figures as the inventory, from the files on disk. */
    private static final String COUNT_PY = """
            import json, os, sys
            base = sys.argv[1].encode()
            st = dict(files=0, folders=0, bytes=0, zero=0, nonAscii=0, longest=0, over260=0, longPaths=[], all=[])
            for dp, dns, fns in os.walk(base):
                for n in dns + fns:
                    full = os.path.join(dp, n)
                    rel = os.path.relpath(full, base).decode('utf-8').replace('/', '\\\\')
                    name = n.decode('utf-8')
                    length = len(rel.encode('utf-16-le')) // 2
                    if any(ord(c) > 0x7e or ord(c) < 0x20 for c in name):
                        st['nonAscii'] += 1
                    st['longest'] = max(st['longest'], length)
                    if length > 260:
                        st['over260'] += 1
                        st['longPaths'].append(rel)
                    if os.path.isdir(full):
                        st['folders'] += 1
                    else:
                        size = os.path.getsize(full)
                        st['files'] += 1
                        st['bytes'] += size
                        st['zero'] += size == 0
                        st['all'].append((size, rel))
            st['all'].sort(key=lambda x: (-x[0], x[1]))
            st['largest'] = [dict(path=p, bytes=s) for s, p in st['all'][:10]]
            del st['all']
            print(json.dumps(st))
            """;

    private static Path lab;
    private static boolean startedLab;
    private static Path ws;
    private static Path countScript;
    private static JsonObject inventory;
    private static final Map<String, JsonObject> onDisk = new HashMap<>();

    @BeforeAll
    static void labUp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "the SBS 2003 lab needs root (network namespaces, mounts, Samba AD)");
        Path p = Product.dir();
        while (p != null && !Files.exists(p.resolve("ARCHITECTURE.md"))) {
            p = p.getParent();
        }
        assertNotNull(p);
        lab = p.resolve("releng/lab/sbs-lab.sh");
        if (labScript("status").exit() == 0) {
            System.out.println("[lab] already live: taken down and built again for a known baseline");
            assertEquals(0, labScript("down").exit());
        }
        long t0 = System.nanoTime();
        Result up = labScript("up");
        assertEquals(0, up.exit(), "sbs-lab.sh up: " + up);
        startedLab = true;
        long t1 = System.nanoTime();
        Result join = labScript("join");
        assertEquals(0, join.exit(), "sbs-lab.sh join: " + join);
        System.out.printf("[lab] up in %.1f s, NEWDC joined in %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        ws = Product.newWorkspace("data");
        countScript = ws.getParent().resolve("count-" + ws.getFileName() + ".py");
        Files.writeString(countScript, COUNT_PY, StandardCharsets.UTF_8);
        Result imp = Product.headless(ws, "profile", "import", PROFILE.toString());
        assertEquals(0, imp.exit(), imp.toString());
    }

    @AfterAll
    static void labDown() throws Exception {
        if (startedLab) {
            assertEquals(0, labScript("down").exit());
        }
    }

    private static Result labScript(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(lab.toString()));
        cmd.addAll(List.of(args));
        return Product.run(cmd, Map.of());
    }

    /** {@code migration-console --headless --workspace WS args...} inside the lab's client namespace. */
    private static Result mc(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(lab.toString(), "run", Product.script().toString(), "--headless",
                "--workspace", ws.toString()));
        cmd.addAll(List.of(args));
        return Product.run(cmd, UTF8);
    }

    /** Non-ASCII names on standard output need a UTF-8 locale (the JVM writes in the locale's charset). */
    private static final Map<String, String> UTF8 = Map.of("LC_ALL", "C.UTF-8");

    /** The product on this side (no network needed). */
    private static Result host(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Product.script().toString(), "--headless", "--workspace",
                ws.toString()));
        cmd.addAll(List.of(args));
        return Product.run(cmd, UTF8);
    }

    private static JsonObject count(String folder) throws Exception {
        Result r = Product.run(List.of("/usr/bin/python3", countScript.toString(), SHARES.resolve(folder).toString()),
                Map.of());
        assertEquals(0, r.exit(), r.toString());
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    private static JsonObject share(String name) {
        for (JsonElement e : inventory.getAsJsonArray("shares")) {
            if (e.getAsJsonObject().get("name").getAsString().equals(name)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no share " + name + " in the inventory");
    }

    /** "account type rights" of each ACE of an ACL. */
    private static Set<String> aces(JsonArray acl) {
        Set<String> out = new TreeSet<>();
        for (JsonElement e : acl) {
            JsonObject a = e.getAsJsonObject();
            out.add(a.get("account").getAsString() + " " + a.get("type").getAsString() + " "
                    + a.get("rights").getAsString());
        }
        return out;
    }

    /** The hidden/read-only attributes the lab set, from its own log ("attr SHARE +h PATH"). */
    private static long attrs(String share, String mode) throws Exception {
        return Files.readAllLines(Path.of(LAB_DIR, "src/log/data.log"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("attr " + share + " " + mode + " ")).count();
    }

    @Test
    @Order(1)
    void planBeforeAnyInventoryIsRefused() throws Exception {
        Result r = host("data", "plan");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("data inventory"), r.err());
    }

    @Test
    @Order(2)
    void inventoryMatchesWhatTheLabMade() throws Exception {
        long t0 = System.nanoTime();
        Result r = mc("data", "inventory", "--json", "--password-file", PASSWORD.toString());
        System.out.printf("[data] inventory of the lab's shares in %.1f s (with the JVM's start)%n",
                (System.nanoTime() - t0) / 1e9);
        assertEquals(0, r.exit(), r.toString());
        inventory = JsonParser.parseString(r.out()).getAsJsonObject();
        // the shares holding user data, and nothing else
        Set<String> names = new TreeSet<>();
        inventory.getAsJsonArray("shares").forEach(e -> names.add(e.getAsJsonObject().get("name").getAsString()));
        assertEquals(new TreeSet<>(USER_DATA.keySet()), names);
        Map<String, String> excluded = new HashMap<>();
        inventory.getAsJsonArray("excluded").forEach(e -> excluded.put(e.getAsJsonObject().get("name").getAsString()
                .toUpperCase(), e.getAsJsonObject().get("kind").getAsString()));
        assertEquals(Map.of("SYSVOL", "disk", "NETLOGON", "disk", "IPC$", "ipc", "HPLASERJET", "printer"), excluded);
        // every figure against the lab's own walk of the folders
        for (Map.Entry<String, String> e : USER_DATA.entrySet()) {
            JsonObject disk = count(e.getValue());
            onDisk.put(e.getKey(), disk);
            JsonObject s = share(e.getKey());
            String w = e.getKey() + ": ";
            assertEquals(disk.get("files").getAsLong(), s.get("files").getAsLong(), w + "files");
            assertEquals(disk.get("folders").getAsLong(), s.get("folders").getAsLong(), w + "folders");
            assertEquals(disk.get("bytes").getAsLong(), s.get("bytes").getAsLong(), w + "bytes");
            assertEquals(disk.get("zero").getAsLong(), s.get("zeroByteFiles").getAsLong(), w + "0-byte files");
            assertEquals(disk.get("nonAscii").getAsLong(), s.get("nonAsciiNames").getAsLong(), w + "non-ASCII names");
            assertEquals(disk.get("longest").getAsInt(), s.getAsJsonObject("longestPath").get("length").getAsInt(),
                    w + "longest path");
            assertEquals(disk.get("over260").getAsLong(), s.get("pathsOver260").getAsLong(), w + "paths over 260");
            assertEquals(disk.get("longPaths"), s.get("longPaths"), w + "long paths");
            assertEquals(disk.get("largest"), s.get("largest"), w + "largest files");
            assertEquals(0, s.getAsJsonArray("unreadable").size(), w + s.get("unreadable"));
            System.out.printf("[data] %-10s %4d files %3d folders %9d bytes, longest path %d (lab: same)%n", e.getKey(),
                    s.get("files").getAsLong(), s.get("folders").getAsLong(), s.get("bytes").getAsLong(),
                    s.getAsJsonObject("longestPath").get("length").getAsInt());
        }
        // what the lab set over SMB
        assertEquals(attrs("Company", "+h"), share("Company").get("hidden").getAsLong());
        assertEquals(attrs("Company", "+r"), share("Company").get("readOnlyFiles").getAsLong());
        assertEquals(attrs("Users", "+h"), share("Users").get("hidden").getAsLong());
        assertEquals(2, attrs("Company", "+r"));
        // the lab's cases are really there
        assertEquals(1, share("Company").get("pathsOver260").getAsLong());
        assertTrue(share("Company").getAsJsonObject("longestPath").get("length").getAsInt() > 260);
        assertTrue(share("Company").get("nonAsciiNames").getAsLong() >= 6);
        JsonObject third = share("Company").getAsJsonArray("largest").get(2).getAsJsonObject();
        assertEquals("Media\\Präsentation 2008.ppt", third.get("path").getAsString());
        assertEquals(1048593, third.get("bytes").getAsLong());
        assertTrue(share("Company").get("zeroByteFiles").getAsLong() >= 2);
        // permissions, SIDs named through LDAP
        assertTrue(aces(share("Company").getAsJsonObject("topFolderAcl").getAsJsonArray("aces")).containsAll(Set.of(
                "BUILTIN\\Administrators allow Full control", "NT AUTHORITY\\SYSTEM allow Full control",
                "CONTOSO\\Domain Users allow Modify", "CREATOR OWNER allow Full control")),
                share("Company").getAsJsonObject("topFolderAcl").toString());
        assertEquals("BUILTIN\\Administrators", share("Company").getAsJsonObject("topFolderAcl").get("owner")
                .getAsString());
        assertEquals(Set.of("Everyone allow Read", "CONTOSO\\Domain Users allow Change",
                "BUILTIN\\Administrators allow Full Control"), aces(share("Company").getAsJsonArray("shareAcl")));
        // kept in the workspace, owner-only, the same document
        Path kept = ws.resolve("data/inventory.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
        assertEquals(inventory, JsonParser.parseString(Files.readString(kept, StandardCharsets.UTF_8)));
    }

    @Test
    @Order(3)
    void planRefusesADestinationWithoutTheSpaceWithTheNumbers() throws Exception {
        assumeTrue(inventory != null, "needs the inventory");
        long company = onDisk.get("Company").get("bytes").getAsLong();
        long users = onDisk.get("Users").get("bytes").getAsLong();
        Result bad = mc("data", "plan", "--map", "Company=Company", "--map", "Users=Company\\Users", "--json",
                "--password-file", PASSWORD.toString());
        assertEquals(1, bad.exit(), bad.toString());
        JsonObject o = JsonParser.parseString(bad.out()).getAsJsonObject();
        JsonObject dest = o.getAsJsonArray("destinations").get(0).getAsJsonObject();
        assertEquals("Company", dest.get("share").getAsString());
        assertEquals(company + users, dest.get("needBytes").getAsLong());
        long free = dest.get("freeBytes").getAsLong();
        assertTrue(free < company + users && free > company, "free " + free);
        assertFalse(dest.get("fits").getAsBoolean());
        // the numbers in the message: free, needed, short
        assertTrue(bad.err().contains("(" + free + " bytes)"), bad.err());
        assertTrue(bad.err().contains("(" + (company + users) + " bytes)"), bad.err());
        assertTrue(bad.err().contains((company + users - free) + " bytes short"), bad.err());
        // the free space NEWDC reports is that of its 7 MiB data filesystem
        Result df = Product.run(List.of("df", "-B1", "--output=size", Path.of(LAB_DIR, "dst/data").toString()),
                Map.of());
        assertEquals(7L << 20, Long.parseLong(df.out().lines().skip(1).findFirst().orElseThrow().trim()));
        assertEquals(7L << 20, dest.get("totalBytes").getAsLong());

        Result good = mc("data", "plan", "--map", "Users=Users", "--json", "--password-file", PASSWORD.toString());
        assertEquals(0, good.exit(), good.toString());
        JsonObject g = JsonParser.parseString(good.out()).getAsJsonObject();
        for (JsonElement e : g.getAsJsonArray("destinations")) {
            assertTrue(e.getAsJsonObject().get("fits").getAsBoolean(), e.toString());
        }
        JsonObject plan = JsonParser.parseString(Files.readString(ws.resolve("data/plan.json"))).getAsJsonObject();
        assertEquals("[{\"source\":\"Company\",\"destination\":\"Company\"},{\"source\":\"Users\",\"destination\":"
                + "\"Users\"}]", plan.getAsJsonArray("mappings").toString());

        Result unknown = host("data", "plan", "--map", "Nope=Company");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("--map Nope"), unknown.err());
        Result colon = host("data", "plan", "--map", "Users=Users\\a:b");
        assertEquals(2, colon.exit(), colon.toString());
        assertTrue(colon.err().contains("':'"), colon.err());
    }

    private static final String CRLF = "\r\n";

    @Test
    @Order(4)
    void robocopyScriptsExactBytes() throws Exception {
        assumeTrue(inventory != null, "needs the inventory and the plan");
        Path out = ws.resolve("scripts");
        Files.createDirectories(out);
        Result w = host("artifact", "write", "move.robocopy-scripts", "--out", out.toString());
        assertEquals(0, w.exit(), w.toString());
        String all = String.join(CRLF, "@echo off", "chcp 65001 >nul",
                "rem Migration Console: copies every mapped share of the source to the destination with robocopy,",
                "rem one share after the other (each share's own script does the work and explains the switches).",
                "rem Run it ON THE DESTINATION server, as a domain administrator, in an elevated command prompt:",
                "rem robocopy run there with /B /COPY:DATSOU is the way to keep the NTFS permissions and owners.",
                "setlocal", "set failed=", "call \"%~dp0robocopy-Company.cmd\" || set failed=1",
                "call \"%~dp0robocopy-Users.cmd\" || set failed=1", "if defined failed (",
                "  echo At least one share was not copied completely: read its log.", "  exit /b 8", ")",
                "echo Every share was copied.", "exit /b 0") + CRLF;
        assertArrayEquals(all.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out.resolve("robocopy-all.cmd")));
        byte[] company = Files.readAllBytes(out.resolve("robocopy-Company.cmd"));
        String text = new String(company, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("@echo off\r\nchcp 65001 >nul\r\n"), "no BOM, chcp first");
        assertFalse(text.replace("\r\n", "").contains("\n") || text.replace("\r\n", "").contains("\r"),
                "CRLF only");
        assertTrue(text.contains(CRLF + "robocopy \"\\\\sbs2003.contoso.local\\Company\" \"\\\\newdc.contoso.local"
                + "\\Company\" /E /B /COPY:DATSOU /DCOPY:DAT /R:1 /W:1 /MT:8 /XJ /NP \"/LOG+:%~dp0Company.log\"" + CRLF),
                text);
        for (String sw : List.of("/E ", "/B ", "/COPY:DATSOU ", "/DCOPY:DAT ", "/R:1 ", "/W:1 ", "/MT:n ", "/XJ ",
                "/NP ", "/LOG+:<share>.log ")) {
            assertTrue(text.contains(CRLF + "rem   " + sw), "header explains " + sw);
        }
        assertTrue(text.contains("keep the NTFS permissions"), text);
        assertTrue(Files.isRegularFile(out.resolve("robocopy-Users.cmd")));

        // a destination folder with a space, non-ASCII letters, % and &: quoted, % doubled
        Path out2 = ws.resolve("scripts2");
        Files.createDirectories(out2);
        Result w2 = host("artifact", "write", "move.robocopy-scripts", "--out", out2.toString(),
                "--set", "mappings=Users=Users\\Ältere Daten 100% & mehr", "--set", "threads=16");
        assertEquals(0, w2.exit(), w2.toString());
        String users = Files.readString(out2.resolve("robocopy-Users.cmd"), StandardCharsets.UTF_8);
        assertTrue(users.contains(CRLF + "robocopy \"\\\\sbs2003.contoso.local\\Users\" \"\\\\newdc.contoso.local"
                + "\\Users\\Ältere Daten 100%% & mehr\" /E /B /COPY:DATSOU /DCOPY:DAT /R:1 /W:1 /MT:16 /XJ /NP"
                + " \"/LOG+:%~dp0Users.log\"" + CRLF), users);
        assertTrue(users.contains("to \\\\newdc.contoso.local\\Users\\Ältere Daten 100%% & mehr with robocopy."
                + CRLF), users);
        assertFalse(Files.exists(out2.resolve("robocopy-Company.cmd")));

        // a double quote cannot be carried by a .cmd line: refused naming the field
        Result q = host("artifact", "write", "move.robocopy-scripts", "--out", out2.toString(),
                "--set", "mappings=Users=Users\\say \"hi\"");
        assertEquals(1, q.exit(), q.toString());
        assertTrue((q.out() + q.err()).contains("mappings"), q.toString());
    }

    @Test
    @Order(5)
    void verifyListsExactlyWhatIsMissingDifferentAndExtra() throws Exception {
        assumeTrue(inventory != null, "needs the inventory and the plan");
        // the copy: what robocopy would have done, made on NEWDC's disk directly (times and attributes kept)
        Path src = SHARES.resolve("Company");
        Path dst = Path.of(LAB_DIR, "dst/data/Company");
        Result cp = Product.run(List.of("cp", "-a", src + "/.", dst + "/"), Map.of());
        assertEquals(0, cp.exit(), cp.toString());
        long files = onDisk.get("Company").get("files").getAsLong();

        Result same = mc("data", "verify", "--share", "Company", "--hash", "all", "--json", "--password-file",
                PASSWORD.toString());
        assertEquals(0, same.exit(), same.toString());
        JsonObject r = JsonParser.parseString(same.out()).getAsJsonObject().getAsJsonArray("shares").get(0)
                .getAsJsonObject();
        assertEquals(files, r.get("filesCompared").getAsLong());
        assertEquals(files, r.get("hashed").getAsLong());
        assertEquals(0, r.get("missing").getAsLong() + r.get("different").getAsLong() + r.get("extra").getAsLong());

        // one file gone, one longer, one with other bytes at the same size and time, one extra
        // (a non-ASCII path through Python: this JVM's file names follow the locale, which may be ASCII)
        Result rm = Product.run(List.of("/usr/bin/python3", "-c", "import os, sys; os.remove(sys.argv[1] +"
                + " '/Media/Pr\\u00e4sentation 2008.ppt')", dst.toString()), Map.of());
        assertEquals(0, rm.exit(), rm.toString());
        Path longer = dst.resolve("Accounting/2007/Q2/invoice-2007-203.txt");
        Files.write(longer, new byte[] { 'x' }, java.nio.file.StandardOpenOption.APPEND);
        Path same2 = dst.resolve("Templates/letterhead.dot");
        var time = Files.getLastModifiedTime(same2);
        byte[] b = Files.readAllBytes(same2);
        b[100] ^= 0x55;
        Files.write(same2, b);
        Files.setLastModifiedTime(same2, time);
        Files.writeString(dst.resolve("Projects/extra at the destination.txt"), "new\r\n");

        Result diff = mc("data", "verify", "--share", "Company", "--hash", "all", "--json", "--password-file",
                PASSWORD.toString());
        assertEquals(1, diff.exit(), diff.toString());
        r = JsonParser.parseString(diff.out()).getAsJsonObject().getAsJsonArray("shares").get(0).getAsJsonObject();
        assertEquals("[\"Media\\\\Präsentation 2008.ppt\"]", r.getAsJsonArray("missingPaths").toString());
        Set<String> different = new TreeSet<>();
        r.getAsJsonArray("differentPaths").forEach(e -> different.add(e.getAsJsonObject().get("path").getAsString()));
        assertEquals(Set.of("Accounting\\2007\\Q2\\invoice-2007-203.txt", "Templates\\letterhead.dot"), different);
        assertEquals("[\"Projects\\\\extra at the destination.txt\"]", r.getAsJsonArray("extraPaths").toString());
        assertEquals(files - 1, r.get("filesCompared").getAsLong());
        assertFalse(r.get("passed").getAsBoolean());
        assertTrue(Files.isRegularFile(ws.resolve("data/verify.json")));

        // a sample with a given seed hashes that many files and says the seed; without hashes the changed
        // bytes go unseen (same size and time), the rest is still found
        Result sample = mc("data", "verify", "--share", "Company", "--hash", "sample", "--sample", "5", "--seed", "7",
                "--json", "--password-file", PASSWORD.toString());
        assertEquals(1, sample.exit(), sample.toString());
        assertTrue(sample.err().contains("seed 7"), sample.err());
        assertEquals(5, JsonParser.parseString(sample.out()).getAsJsonObject().getAsJsonArray("shares").get(0)
                .getAsJsonObject().get("hashed").getAsLong());
        Result none = mc("data", "verify", "--share", "Company", "--hash", "none", "--json", "--password-file",
                PASSWORD.toString());
        r = JsonParser.parseString(none.out()).getAsJsonObject().getAsJsonArray("shares").get(0).getAsJsonObject();
        assertEquals(1, r.get("different").getAsLong(), r.toString());
        assertEquals(1, r.get("missing").getAsLong());
    }

    @Test
    @Order(6)
    void theReportShowsTheSharesThePlanAndTheVerification() throws Exception {
        assumeTrue(Files.isRegularFile(ws.resolve("data/verify.json")), "needs a verification");
        Path out = ws.resolve("report");
        Result r = host("report", "--out", out.toString(), "--format", "html");
        assertEquals(0, r.exit(), r.toString());
        String html = Files.readString(out.resolve("migration-report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("Shared data"), "the section is there");
        int at = html.indexOf("Shared data");
        String section = html.substring(at, Math.min(html.length(), at + 20000));
        // the last verification (--hash none) of Company, Users not verified yet, the sizes
        assertTrue(section.contains("1 missing, 1 different, 1 extra"), section);
        assertTrue(section.contains("not verified"), section);
        assertTrue(section.contains("Scans$"), section);
        assertTrue(section.contains("6.4 MiB"), section);
    }
}
