package org.migrationconsole.product.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.migrationconsole.product.tests.Product.Result;

/**
 * Issue 9 on the artifact and command-line side, through the real product with a home of its own:
 * wipe only what the console wrote, never write through a link or into another user's file,
 * bounded inputs, no stack trace and no exit 0 on failure, output that cannot be forged, journal
 * verification with the chain head, and secure storage that can forget a password.
 */
class HostileCliProductTest {

    static final String PASSWORD = "Usb-Stick-Secret-7";

    private static Path base;
    private static Path home;
    private static Path ws;
    private static Path passwordFile;

    @BeforeAll
    static void workspace() throws Exception {
        base = Product.newWorkspace("hostile-cli");
        home = Files.createDirectories(base.resolve("home"));
        ws = base.resolve("workspace");
        Path profile = base.resolve("profile.properties");
        Files.writeString(profile, """
                profile.name=hostile cli test
                source.host=sbs2003.contoso.local
                source.address=192.168.16.2
                source.domain=contoso.local
                source.netbios=CONTOSO
                source.admin=o'brien
                destination.host=wse2012.contoso.local
                destination.address=192.168.16.20
                target.version=essentials-2012
                """);
        passwordFile = base.resolve("password.txt");
        Files.writeString(passwordFile, PASSWORD + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        expect(0, "profile", "import", profile.toString(), "--password-file", passwordFile.toString());
    }

    static Result cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Product.script().toString(), "--headless", "--workspace",
                ws.toString()));
        cmd.addAll(List.of(args));
        Result r = Product.run(cmd, Map.of("JAVA_TOOL_OPTIONS", "-Duser.home=" + home + " -Dmigrationconsole.log.dir="
                + home.resolve("logs"), "XDG_CACHE_HOME", home.resolve("cache").toString()));
        assertFalse(r.out().contains(PASSWORD) || r.err().contains(PASSWORD), "password printed: " + r);
        assertFalse(r.out().contains("\tat ") || r.err().contains("\tat "), "a stack trace: " + r);
        return r;
    }

    static Result expect(int code, String... args) throws Exception {
        Result r = cli(args);
        assertEquals(code, r.exit(), String.join(" ", args) + ": " + r);
        return r;
    }

    private static Path usb(String name) throws Exception {
        return Files.createDirectories(base.resolve(name));
    }

    @Test
    void wipeRefusesAFileTheConsoleDidNotWriteAndSaysSo() throws Exception {
        Path important = Files.writeString(home.resolve("important.docx"), "the customer's only copy");
        for (String[] args : List.of(new String[] { "answer-file", "wipe", important.toString() },
                new String[] { "artifact", "wipe", "install.answer-file", important.toString() })) {
            Result r = expect(1, args);
            assertTrue(r.err().contains("was not written by Migration Console"), r.err());
            assertTrue(r.err().contains("not wiped"), r.err());
            assertEquals("the customer's only copy", Files.readString(important));
        }
        // a cfg.ini the console did write is wiped; the same content copied elsewhere is not
        Path dir = usb("usb-wipe");
        expect(0, "answer-file", "write", "--out", dir.toString(), "--password-file", passwordFile.toString(),
                "--accept-eula");
        Path cfg = dir.resolve("cfg.ini");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cfg)));
        Path copy = Files.createDirectories(base.resolve("copy")).resolve("cfg.ini");
        Files.copy(cfg, copy);
        expect(1, "answer-file", "wipe", copy.getParent().toString());
        assertTrue(Files.exists(copy));
        expect(0, "answer-file", "wipe", dir.toString());
        assertFalse(Files.exists(cfg));
        Files.delete(copy);
    }

    @Test
    void noWriteOrWipeGoesThroughASymbolicLink() throws Exception {
        Path victim = Files.writeString(home.resolve("victim.txt"), "victim");
        Path dir = usb("usb-link");
        Files.createSymbolicLink(dir.resolve("cfg.ini"), victim);
        Result w = cli("answer-file", "write", "--out", dir.toString(), "--password-file", passwordFile.toString(),
                "--accept-eula");
        assertNotEquals(0, w.exit(), w.toString());
        assertTrue(w.err().contains("symbolic link"), w.err());
        Result wipe = cli("answer-file", "wipe", dir.toString());
        assertNotEquals(0, wipe.exit(), wipe.toString());
        assertEquals("victim", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(dir.resolve("cfg.ini")));

        Path scripts = usb("usb-script-link");
        Files.createSymbolicLink(scripts.resolve("path-b-replica-dc.ps1"), victim);
        Result f = cli("fsmo-script", "--out", scripts.toString());
        assertNotEquals(0, f.exit(), f.toString());
        assertTrue(f.err().contains("symbolic link"), f.err());
        assertEquals("victim", Files.readString(victim));
    }

    @Test
    void anotherUsersWorldWritableCfgIniIsNeverFilledWithThePassword() throws Exception {
        Path dir = usb("usb-foreign");
        Path cfg = Files.writeString(dir.resolve("cfg.ini"), "");
        Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-rw-rw-"));
        Result chown = Product.run(List.of("chown", "nobody", cfg.toString()), Map.of());
        org.junit.jupiter.api.Assumptions.assumeTrue(chown.exit() == 0, "only root can give a file to another user: "
                + chown);
        Result w = cli("answer-file", "write", "--out", dir.toString(), "--password-file", passwordFile.toString(),
                "--accept-eula");
        assertNotEquals(0, w.exit(), w.toString());
        assertTrue(w.err().contains("another user") || w.err().contains("owned by"), w.err());
        assertEquals(0, Files.size(cfg));
    }

    @Test
    void theFsmoScriptQuotesTheAccountByPowerShellRules() throws Exception {
        Path dir = usb("usb-fsmo");
        expect(0, "fsmo-script", "--out", dir.toString());
        String script = Files.readString(dir.resolve("path-b-replica-dc.ps1"));
        assertTrue(script.contains("Get-Credential 'CONTOSO\\o''brien'"), script);
        assertFalse(script.contains("o'brien'"), script);
    }

    @Test
    void failuresAreNeverSuccessAndNeverAStackTrace() throws Exception {
        Result big = expect(2, "check", "--step", "99999999999999999999");
        assertTrue(big.err().contains("--step"), big.err());
        Result cr = cli("answer-file", "write", "--out", usb("usb-cr").toString(), "--password-file",
                passwordFile.toString(), "--accept-eula", "--user", "Mig\rAdmin");
        assertTrue(cr.exit() == 1 || cr.exit() == 2, cr.toString());
        assertTrue(cr.err().contains("UserName"), cr.err());
        assertFalse(Files.exists(base.resolve("usb-cr").resolve("cfg.ini")));
        // files over 2 GB (sparse): refused by their size, named with the limit, nothing read
        Path huge = usb("usb-huge").resolve("cfg.ini");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        Result h = expect(2, "answer-file", "validate", huge.toString());
        assertTrue(h.err().contains("1 MiB"), h.err());
        Path hugeProfile = base.resolve("huge.properties");
        try (RandomAccessFile f = new RandomAccessFile(hugeProfile.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        Result hp = expect(2, "profile", "import", hugeProfile.toString());
        assertTrue(hp.err().contains(hugeProfile.toString()), hp.err());
        Files.delete(huge);
        Files.delete(hugeProfile);
        // p2 failing: a summary and the log, never the director's stack traces
        Path empty = usb("empty-repository");
        Result p2 = cli("install", "--repository", empty.toUri().toString(), "--step", "companyweb");
        assertTrue(p2.exit() == 1 || p2.exit() == 2, p2.toString());
        assertFalse(p2.err().matches("(?s).*\\n\\s+at [a-z].*"), p2.err());
    }

    @Test
    void textOutputCannotBeForgedAndJsonStaysExact() throws Exception {
        String note = "ok\u001b]0;pwned\u0007\u001b[2J\rforged line\u0085NEL\u202eexe.txt";
        expect(0, "task", "prepare.lob-plan", "start", "--note", note);
        Result text = expect(0, "journal");
        for (char c : new char[] { '\u001b', '\u0007', '\r', '\u0085', '\u202e' }) {
            assertFalse(text.out().indexOf(c) >= 0, "U+" + Integer.toHexString(c) + " reached the terminal");
        }
        assertTrue(text.out().contains("ok\\u001b]0;pwned\\u0007\\u001b[2J\\u000dforged line\\u0085NEL\\u202eexe.txt"),
                text.out());
        JsonArray json = JsonParser.parseString(expect(0, "journal", "--json").out()).getAsJsonArray();
        boolean found = false;
        for (var e : json) {
            JsonObject o = e.getAsJsonObject();
            found |= o.has("note") && !o.get("note").isJsonNull() && note.equals(o.get("note").getAsString());
        }
        assertTrue(found, "the JSON keeps the note exactly: " + json);
        Result usage = expect(2, "status", "--\u001b[2Jx");
        assertFalse(usage.err().contains("\u001b"), usage.err());
        assertTrue(usage.err().contains("\\u001b[2Jx"), usage.err());
    }

    @Test
    void journalVerifyPrintsTheChainHeadAndFailsOnAForgedRecord() throws Exception {
        Result ok = expect(0, "journal", "--verify");
        assertTrue(ok.out().matches("(?s).*Chain head:\\s+[0-9a-f]{64}.*"), ok.out());
        JsonObject j = JsonParser.parseString(expect(0, "journal", "--verify", "--json").out()).getAsJsonObject();
        assertTrue(j.get("intact").getAsBoolean());
        assertEquals(64, j.get("chainHead").getAsString().length());
        assertTrue(ok.out().contains(j.get("chainHead").getAsString()));

        Path other = base.resolve("forged-workspace");
        Files.createDirectories(other);
        Path journal;
        {
            Result r = Product.headless(other, "task", "prepare.lob-plan", "complete", "--note", "done");
            assertEquals(0, r.exit(), r.toString());
            journal = other.resolve("journal.jsonl");
        }
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        String prev = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lines.get(lines.size() - 1)
                .getBytes(StandardCharsets.UTF_8)));
        String record = "{\"seq\":" + lines.size() + ",\"at\":\"2026-11-24T12:00:00Z\",\"who\":\"mallory\","
                + "\"type\":\"transition\",\"task\":\"prepare.run-mpt\",\"from\":\"not-started\",\"to\":\"completed\","
                + "\"prev\":\"" + prev + "\"}";
        CRC32C crc = new CRC32C();
        crc.update(record.getBytes(StandardCharsets.UTF_8));
        Files.writeString(journal, record + " #" + HexFormat.of().toHexDigits((int) crc.getValue()) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(journal);
        Result bad = Product.headless(other, "journal", "--verify");
        assertNotEquals(0, bad.exit(), bad.toString());
        assertTrue((bad.out() + bad.err()).contains("record " + (lines.size())), bad.toString());
        assertArrayEquals(before, Files.readAllBytes(journal), "verify changed the journal");
    }

    @Test
    void aStoredPasswordCanBeListedAndForgotten() throws Exception {
        Result list = expect(0, "secret", "list");
        assertTrue(list.out().contains("o'brien@sbs2003.contoso.local"), list.out());
        JsonObject j = JsonParser.parseString(expect(0, "secret", "list", "--json").out()).getAsJsonObject();
        assertTrue(j.getAsJsonArray("accounts").toString().contains("o'brien@sbs2003.contoso.local"), j.toString());
        expect(0, "secret", "forget", "o'brien@sbs2003.contoso.local");
        assertFalse(expect(0, "secret", "list").out().contains("o'brien@"));
        Result again = expect(2, "secret", "forget", "o'brien@sbs2003.contoso.local");
        assertTrue(again.err().contains("no password for 'o'brien@sbs2003.contoso.local'"), again.err());
        assertTrue(expect(0, "journal").out().contains("removed from secure storage"));
        assertTrue(Files.isDirectory(home.resolve(".migration-console"), LinkOption.NOFOLLOW_LINKS));
    }
}
