package org.migrationconsole.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.migrationconsole.product.tests.Product.Result;

/** answer-file validate / write / wipe against the real product; the password never leaks. */
class AnswerFileCommandTest {

    static final String PASSWORD = "Usb-Stick-Secret-7";

    private static Path ws;
    private static Path passwordFile;

    @BeforeAll
    static void workspace() throws Exception {
        ws = Product.newWorkspace("answer-file");
        Path profile = ws.getParent().resolve(ws.getFileName() + "-profile.properties");
        Files.writeString(profile, """
                profile.name=answer file test
                source.host=sbs2003.contoso.local
                source.address=192.168.16.2
                source.domain=contoso.local
                source.netbios=CONTOSO
                source.admin=MigAdmin
                destination.host=wse2012.contoso.local
                destination.address=192.168.16.20
                target.version=essentials-2012
                """);
        assertEquals(0, Product.headless(ws, "profile", "import", profile.toString()).exit());
        passwordFile = ws.getParent().resolve(ws.getFileName() + "-password.txt");
        Files.writeString(passwordFile, PASSWORD + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    }

    static Result run(int expected, String... args) throws Exception {
        Result r = Product.headless(ws, args);
        assertEquals(expected, r.exit(), r.toString());
        assertFalse(r.out().contains(PASSWORD) || r.err().contains(PASSWORD), "password printed: " + r);
        return r;
    }

    static byte[] unicode(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] all = new byte[body.length + 2];
        all[0] = (byte) 0xFF;
        all[1] = (byte) 0xFE;
        System.arraycopy(body, 0, all, 2, body.length);
        return all;
    }

    @Test
    void validateExitCodesAndJson() throws Exception {
        Path dir = Files.createTempDirectory(ws.getParent(), "validate-");
        Path good = dir.resolve("cfg.ini");
        Files.write(good, unicode("; hand-made\r\n[InitialConfiguration]\r\nAcceptEula=true\r\nServerName=WSE2012\r\n"
                + "NetbiosName=CONTOSO\r\nDNSName=contoso.local\r\nUserName=MigAdmin\r\nPlainTextPassword=Aa1-aaaa\r\n"
                + "FutureKey=1\r\n"));
        assertTrue(run(0, "answer-file", "validate", good.toString()).out().contains("valid"));
        JsonObject j = JsonParser.parseString(run(0, "answer-file", "validate", good.toString(), "--json").out())
                .getAsJsonObject();
        assertTrue(j.get("valid").getAsBoolean());
        assertEquals("unicode", j.get("encoding").getAsString());
        assertEquals("InitialConfiguration/FutureKey", j.getAsJsonArray("unknownKeys").get(0).getAsString());

        Path bad = dir.resolve("bad").resolve("cfg.ini");
        Files.createDirectories(bad.getParent());
        Files.write(bad, "[InitialConfiguration]\r\nAcceptEula=false\r\nServerName=12345\r\nNetbiosName=CONTOSO\r\n"
                .concat("DNSName=contoso.local\r\nUserName=wse2012\r\nPlainTextPassword=alllowercase\r\n")
                .getBytes("windows-1252"));
        Result r = run(1, "answer-file", "validate", bad.toString());
        for (String s : List.of("AcceptEula", "accept-eula", "ServerName", "computer-name", "PlainTextPassword",
                "password-strength")) {
            assertTrue(r.out().contains(s), s + " in " + r);
        }
        assertFalse(r.out().contains("alllowercase"), "a value was printed");
        JsonObject jb = JsonParser.parseString(run(1, "answer-file", "validate", bad.toString(), "--json").out())
                .getAsJsonObject();
        assertEquals("ansi", jb.get("encoding").getAsString());
        assertEquals(3, jb.getAsJsonArray("violations").size());

        Path utf8 = dir.resolve("utf8.ini");
        Files.writeString(utf8, "[InitialConfiguration]\r\nCompanyName=M\u00fcller\r\n", StandardCharsets.UTF_8);
        assertTrue(run(2, "answer-file", "validate", utf8.toString()).err().contains("UTF-8"));
        assertTrue(run(2, "answer-file", "validate", dir.resolve("missing.ini").toString()).err()
                .contains("does not exist"));
        run(2, "answer-file", "validate");
        run(2, "answer-file", "frobnicate");
    }

    @Test
    void fsmoScriptIsWrittenFromTheProfileAndJournalled() throws Exception {
        Path dir = Files.createTempDirectory(ws.getParent(), "script-");
        Result r = run(0, "fsmo-script", "--out", dir.toString());
        assertTrue(r.err().contains("path B"), "the workspace is on path A: " + r.err());
        String script = Files.readString(dir.resolve("path-b-replica-dc.ps1"));
        assertTrue(script.contains("-ReplicationSourceDC 'sbs2003.contoso.local'"), script);
        assertTrue(script.contains("\"connect to server wse2012\""), script);
        assertTrue(script.contains("\"transfer schema master\"") && script.contains("netdom query fsmo"), script);
        assertTrue(run(0, "journal").out().contains("path B script written to"));
        run(2, "fsmo-script");
    }

    @Test
    void writeFromProfileAndPasswordFileThenWipe() throws Exception {
        Path usb = Files.createTempDirectory(ws.getParent(), "usb-");
        // without --accept-eula: refused, nothing written
        Result refused = run(1, "answer-file", "write", "--out", usb.toString(), "--password-file",
                passwordFile.toString());
        assertTrue(refused.err().contains("AcceptEula") && refused.err().contains("--accept-eula"), refused.err());
        assertFalse(Files.exists(usb.resolve("cfg.ini")));
        // no password anywhere: usage error naming the secure-storage key
        assertTrue(run(2, "answer-file", "write", "--out", usb.toString(), "--accept-eula").err()
                .contains("answer-file@wse2012"));
        run(2, "answer-file", "write", "--out", usb.toString(), "--encoding", "utf-8", "--accept-eula",
                "--password-file", passwordFile.toString());

        Result w = run(0, "answer-file", "write", "--out", usb.toString(), "--accept-eula", "--password-file",
                passwordFile.toString());
        assertTrue(w.err().contains("PLAIN TEXT"), w.err());
        byte[] b = Files.readAllBytes(usb.resolve("cfg.ini"));
        assertEquals((byte) 0xFF, b[0]);
        assertEquals((byte) 0xFE, b[1]);
        String text = new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        assertFalse(text.replace("\r\n", "").contains("\n") || text.replace("\r\n", "").contains("\r"), "CRLF only");
        for (String s : List.of("ServerName=wse2012\r\n", "NetbiosName=CONTOSO\r\n", "DNSName=contoso.local\r\n",
                "UserName=MigAdmin\r\n", "PlainTextPassword=" + PASSWORD + "\r\n", "AcceptEula=true\r\n",
                "StaticIPv4Address=192.168.16.20\r\n")) {
            assertTrue(text.contains(s), s + " in\n" + text);
        }
        // the migration-only keys no document names are opt-in: not written, and the note says how
        for (String k : List.of("SourceServerName", "SourceServerIPv4Address", "SourceDomainAdminName",
                "MigrationMode")) {
            assertFalse(text.contains(k + "="), k + " written without --unverified-keys:\n" + text);
            assertTrue(w.err().contains(k), k + " named in " + w.err());
        }
        assertTrue(w.err().contains("--unverified-keys"), w.err());
        Result optIn = run(0, "answer-file", "write", "--out", usb.toString(), "--accept-eula", "--password-file",
                passwordFile.toString(), "--unverified-keys");
        String opted = new String(Files.readAllBytes(usb.resolve("cfg.ini")), StandardCharsets.UTF_16LE);
        for (String s : List.of("SourceServerName=sbs2003\r\n", "SourceDomainAdminName=MigAdmin\r\n",
                "MigrationMode=true\r\n")) {
            assertTrue(opted.contains(s), s + " with --unverified-keys in\n" + opted);
        }
        assertTrue(optIn.err().contains("SourceServerName is unverified"), optIn.err());
        assertEquals(0, run(0, "answer-file", "validate", usb.resolve("cfg.ini").toString()).exit());

        // ANSI variant, rewriting the existing file keeps a hand-added key and comment
        Files.write(usb.resolve("cfg.ini"), unicode(text + "; added by hand\r\nHandKey=kept\r\n"));
        run(0, "answer-file", "write", "--out", usb.toString(), "--encoding", "ansi", "--accept-eula",
                "--password-file", passwordFile.toString());
        String ansi = new String(Files.readAllBytes(usb.resolve("cfg.ini")), "windows-1252");
        assertTrue(ansi.contains("; added by hand\r\nHandKey=kept\r\n"), ansi);

        Result wiped = run(0, "answer-file", "wipe", usb.toString());
        assertTrue(wiped.out().contains("deleted"));
        assertFalse(Files.exists(usb.resolve("cfg.ini")));
        run(2, "answer-file", "wipe", usb.toString());

        String journal = run(0, "journal", "--json").out();
        assertTrue(journal.contains("cfg.ini written to"), journal);
        assertTrue(journal.contains("overwritten"), journal);
        // the password is nowhere in the workspace (journal, profile, check results, logs)
        try (Stream<Path> files = Files.walk(ws)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(p);
                for (var cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE)) {
                    assertFalse(new String(content, StandardCharsets.ISO_8859_1).contains(
                            new String(PASSWORD.getBytes(cs), StandardCharsets.ISO_8859_1)), "password in " + p);
                }
            }
        }
    }
}
