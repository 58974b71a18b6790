package org.migrationconsole.step.install.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationconsole.step.install.internal.answerfile.AnswerFile;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileCodec;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileCodec.Encoding;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileException;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileValidator;
import org.migrationconsole.step.install.internal.answerfile.KeyCatalog;
import org.migrationconsole.step.install.internal.answerfile.KeySpec;
import org.migrationconsole.step.install.internal.answerfile.MigrationKeys;
import org.migrationconsole.step.install.internal.answerfile.Rule;
import org.migrationconsole.step.install.internal.answerfile.Violation;

/** The bytes Setup gets: encodings, line endings, the file name, round trips, UTF-8 refused, wipe. */
class AnswerFileCodecTest {

    static final String SAMPLE = "; written by hand on the old server\n"
            + "[WinPE]\n"
            + "ConfigDisk=1\n"
            + "\n"
            + "[InitialConfiguration]\n"
            + "  # indented comment\n"
            + "AcceptEula=true\n"
            + "ServerName=DEST01\n"
            + "serverName=lowercase-is-another-key\n"
            + "CompanyName=M\u00fcller & S\u00f6hne\n"
            + "SomeFutureKey = kept as it is \n"
            + "a line without an equals sign\n"
            + "\n"
            + "[PostOSInstall]\n"
            + "StaticIPv4Address=192.168.1.10\n";

    @Test
    void unicodeIsUtf16LittleEndianWithBomAndCrlfOnly(@TempDir Path dir) throws Exception {
        AnswerFile f = AnswerFile.parse(SAMPLE);
        Path out = write(f, Encoding.UNICODE, dir);
        assertEquals("cfg.ini", out.getFileName().toString());
        byte[] b = Files.readAllBytes(out);
        assertEquals((byte) 0xFF, b[0]);
        assertEquals((byte) 0xFE, b[1]);
        assertEquals(0, b.length % 2);
        String text = new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        assertEquals(SAMPLE.replace("\n", "\r\n"), text);
        // CRLF only: every LF (0A 00) follows a CR (0D 00), and every CR is followed by LF
        for (int i = 2; i + 1 < b.length; i += 2) {
            if (b[i] == 0x0A && b[i + 1] == 0) {
                assertTrue(b[i - 2] == 0x0D && b[i - 1] == 0, "LF without CR at byte " + i);
            }
            if (b[i] == 0x0D && b[i + 1] == 0) {
                assertTrue(b[i + 2] == 0x0A && b[i + 3] == 0, "CR without LF at byte " + i);
            }
        }
        // no UTF-8 sequence for u-umlaut (C3 BC); UTF-16LE FC 00 instead
        assertTrue(indexOf(b, new byte[] {(byte) 0xFC, 0}) > 0);
        assertEquals(-1, indexOf(b, new byte[] {(byte) 0xC3, (byte) 0xBC}));
    }

    @Test
    void ansiIsWindows1252WithCrlfAndNoBom(@TempDir Path dir) throws Exception {
        Path out = write(AnswerFile.parse(SAMPLE), Encoding.ANSI, dir);
        byte[] b = Files.readAllBytes(out);
        assertEquals(';', b[0]);
        assertTrue(indexOf(b, new byte[] {'M', (byte) 0xFC, 'l'}) > 0, "u-umlaut as the single byte FC");
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                assertEquals('\r', b[i - 1]);
            }
            if (b[i] == '\r') {
                assertEquals('\n', b[i + 1]);
            }
        }
        assertArrayEquals(SAMPLE.replace("\n", "\r\n").getBytes("windows-1252"), b);
    }

    @Test
    void ansiRefusesWhatItCannotHoldInsteadOfWritingQuestionMarks(@TempDir Path dir) {
        AnswerFile f = AnswerFile.parse(SAMPLE);
        f.set("InitialConfiguration", "CompanyName", "\u6771\u4eac Ltd");
        AnswerFileException e = assertThrows(AnswerFileException.class,
                () -> write(f, Encoding.ANSI, dir));
        assertTrue(e.getMessage().contains("Unicode"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("cfg.ini")));
    }

    @Test
    void roundTripKeepsUnknownKeysCommentsBlankLinesAndCase(@TempDir Path dir) throws Exception {
        for (Encoding enc : Encoding.values()) {
            byte[] written = AnswerFileCodec.encode(AnswerFile.parse(SAMPLE), enc);
            AnswerFileCodec.Decoded d = AnswerFileCodec.decode(written);
            assertEquals(enc, d.encoding());
            assertEquals(SAMPLE.replace("\n", "\r\n"), d.file().text());
            assertArrayEquals(written, AnswerFileCodec.encode(d.file(), enc), "second round trip, " + enc);
            assertEquals("DEST01", d.file().value("InitialConfiguration", "ServerName"));
            assertEquals("lowercase-is-another-key", d.file().value("InitialConfiguration", "serverName"));
            assertEquals("kept as it is", d.file().value("InitialConfiguration", "SomeFutureKey"));
            assertEquals("1", d.file().value("WinPE", "ConfigDisk"));
        }
        // changing one key keeps everything else where it was
        AnswerFile f = AnswerFile.parse(SAMPLE);
        f.set("InitialConfiguration", "ServerName", "DEST02");
        f.set("InitialConfiguration", "Settings", "All");
        f.set("PostOSInstall", "StaticIPv4Gateway", "192.168.1.1");
        String expected = SAMPLE.replace("ServerName=DEST01", "ServerName=DEST02")
                .replace("a line without an equals sign\n", "a line without an equals sign\nSettings=All\n")
                .replace("StaticIPv4Address=192.168.1.10\n",
                        "StaticIPv4Address=192.168.1.10\nStaticIPv4Gateway=192.168.1.1\n")
                .replace("\n", "\r\n");
        assertEquals(expected, f.text());
    }

    @Test
    void utf8IsRefusedWithOrWithoutBom(@TempDir Path dir) throws Exception {
        byte[] withBom = ("\uFEFF" + SAMPLE).getBytes(StandardCharsets.UTF_8);
        byte[] withoutBom = SAMPLE.getBytes(StandardCharsets.UTF_8);
        for (byte[] b : List.of(withBom, withoutBom)) {
            AnswerFileException e = assertThrows(AnswerFileException.class, () -> AnswerFileCodec.decode(b));
            assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        }
        assertThrows(AnswerFileException.class, () -> AnswerFileCodec.decode(
                ("\uFEFF" + SAMPLE).getBytes(StandardCharsets.UTF_16BE)));
        assertThrows(AnswerFileException.class, () -> AnswerFileCodec.Encoding.byId("utf-8"));
        // pure ASCII is the same in ANSI and UTF-8: read as ANSI
        assertEquals(Encoding.ANSI, AnswerFileCodec.decode("[InitialConfiguration]\r\nAcceptEula=true\r\n"
                .getBytes(StandardCharsets.US_ASCII)).encoding());
    }

    @Test
    void keySetCoversTheDocumentedKeysAndMarksTheGuessedOnes() {
        KeyCatalog c = KeyCatalog.load();
        for (String k : List.of("Language", "Locale", "Country", "Keyboard", "AcceptEula", "AcceptOEMEula",
                "CompanyName", "ServerName", "NetbiosName", "DNSName", "UserName", "PlainTextPassword", "StdUserName",
                "StdUserPlainTextPassword", "Settings", "WebDomainName", "TrustedCertFileName", "TrustedCertPassword",
                "EnableVPN", "VpnIPv4StartAddress", "VpnIPv4EndAddress", "VpnBaseIPv6Address", "VpnIPv6PrefixLength",
                "EnableRWA", "IPv4DNSForwarder", "IPv6DNSForwarder")) {
            KeySpec s = c.key("InitialConfiguration", k).orElseThrow(() -> new AssertionError(k));
            assertFalse(s.unverified(), k);
            assertFalse(s.explanation().isBlank(), k);
        }
        for (String k : List.of("IsHosted", "StaticIPv4Address", "StaticIPv4Gateway", "StaticIPv4SubnetMask",
                "StaticIPv6Address", "StaticIPv6SubnetPrefixLength", "StaticIPv6Gateway", "ClientBackupOn",
                "FileHistoryOn", "LaunchPadHiddenTasks")) {
            assertTrue(c.key("PostOSInstall", k).isPresent(), k);
        }
        assertTrue(c.keys().stream().filter(KeySpec::unverified).count() >= 3);
        assertTrue(c.key("InitialConfiguration", "PlainTextPassword").orElseThrow().secret());
        assertTrue(c.key("InitialConfiguration", "serverName").isEmpty(), "keys are case-sensitive");
    }

    @Test
    void theGuessedMigrationKeysAreOptInAndTheReservedNameRuleIsUnverifiedForMigrationMode() throws Exception {
        KeyCatalog c = KeyCatalog.load();
        List<String> guessed = List.of("SourceServerName", "SourceServerIPv4Address", "SourceDomainAdminName",
                "MigrationMode");
        for (String k : guessed) {
            KeySpec s = c.key("InitialConfiguration", k).orElseThrow(() -> new AssertionError(k));
            assertTrue(s.unverified() && s.optIn(), k);
            assertTrue(s.explanation().contains("opt-in"), k + ": the editor says why: " + s.explanation());
        }
        assertEquals(guessed, c.keys().stream().filter(KeySpec::optIn).map(KeySpec::key).toList(),
                "only the guessed keys are opt-in");

        var values = MigrationKeys.values("sbs2003", "192.168.16.2", "MigAdmin");
        AnswerFile byDefault = AnswerFile.parse("[InitialConfiguration]\r\nServerName=wse\r\n");
        MigrationKeys.Outcome none = MigrationKeys.apply(byDefault, c, false, values);
        assertEquals(List.of(), none.written());
        assertEquals(guessed, none.leftOut());
        for (String k : guessed) {
            assertTrue(byDefault.get("InitialConfiguration", k).isEmpty(), k + " written without opting in");
        }
        AnswerFile opted = AnswerFile.parse("[InitialConfiguration]\r\nServerName=wse\r\n");
        assertEquals(guessed, MigrationKeys.apply(opted, c, true, values).written());
        assertEquals("sbs2003", opted.value("InitialConfiguration", "SourceServerName"));
        assertEquals("true", opted.value("InitialConfiguration", "MigrationMode"));
        // a site that confirmed a key drops opt-in: it is then written by default; an unlisted key never is
        KeyCatalog confirmed = KeyCatalog.parse(new java.io.StringReader(
                "InitialConfiguration|SourceServerName|Migration|computer-name||confirmed on our DVD\n"));
        AnswerFile site = AnswerFile.parse("[InitialConfiguration]\r\n");
        assertEquals(List.of("SourceServerName"), MigrationKeys.apply(site, confirmed, false, values).written());
        assertTrue(site.get("InitialConfiguration", "MigrationMode").isEmpty());

        assertTrue(Rule.USER_NAME_RESERVED.unverifiedInMigrationMode());
        assertFalse(Rule.USER_NAME.unverifiedInMigrationMode());
        String m = new Violation("InitialConfiguration", "UserName", Rule.USER_NAME_RESERVED).message();
        assertTrue(m.contains("unverified for migration mode"), m);
        assertTrue(c.key("InitialConfiguration", "UserName").orElseThrow().explanation()
                .contains("unverified"), "the editor says so too");
    }

    @Test
    void violationsNameKeyAndRuleButNeverTheValue() {
        AnswerFile f = AnswerFile.parse("[InitialConfiguration]\r\nAcceptEula=false\r\nServerName=-bad\r\n"
                + "NetbiosName=CONTOSO\r\nDNSName=contoso.local\r\nUserName=Guest\r\nPlainTextPassword=short\r\n");
        List<Violation> v = new AnswerFileValidator(KeyCatalog.load()).validate(f);
        assertEquals(List.of(new Violation("InitialConfiguration", "AcceptEula", Rule.ACCEPT_EULA),
                new Violation("InitialConfiguration", "ServerName", Rule.COMPUTER_NAME),
                new Violation("InitialConfiguration", "UserName", Rule.USER_NAME_RESERVED),
                new Violation("InitialConfiguration", "PlainTextPassword", Rule.PASSWORD)), v);
        for (Violation x : v) {
            assertFalse(x.message().contains("short"));
            assertTrue(x.message().startsWith(x.key() + " ") && x.message().contains("[" + x.rule().id() + "]"));
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The bytes the artifact writer gets, in cfg.ini (writing itself is the artifact writer's job). */
    private static Path write(AnswerFile f, Encoding enc, Path dir) throws Exception {
        return Files.write(dir.resolve(AnswerFileCodec.FILE_NAME), AnswerFileCodec.encode(f, enc));
    }
}
