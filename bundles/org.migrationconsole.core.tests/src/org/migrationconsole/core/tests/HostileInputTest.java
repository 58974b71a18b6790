package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.connect.PasswordFile;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.internal.CertificatePins;
import org.migrationconsole.connect.internal.RunStore;
import org.migrationconsole.core.files.SafeFiles;
import org.migrationconsole.core.files.UnsafeFileException;

/**
 * Issue 9, "Nothing hangs" and "Failures are never success" for connect's file inputs: profile,
 * password file, CA file, and its writers (profile, pins, check results).
 */
class HostileInputTest {

    @TempDir
    Path dir;

    private static final String LAB = "source.host=sbs2003.contoso.local\nsource.domain=contoso.local\n"
            + "source.admin=Administrator\ntarget.version=essentials-2012\n";

    private Path profile(String text) throws Exception {
        return Files.writeString(dir.resolve("p.properties"), text, StandardCharsets.UTF_8);
    }

    private String refused(Path p) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ConnectionException.class, () -> ProfileFile.read(p))).getMessage();
    }

    private Path password(byte[] content) throws Exception {
        Path f = Files.write(dir.resolve("pw"), content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private String passwordRefused(Path p) {
        ConnectionException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ConnectionException.class, () -> PasswordFile.read(p)));
        assertEquals(ConnectionException.Kind.NO_PASSWORD, e.kind());
        return e.getMessage();
    }

    @Test
    void fifoAndHugeProfilesAreRefusedAtOnceNamingTheLimit() throws Exception {
        Path fifo = Hostile.fifo(dir.resolve("profile.fifo"));
        assertTrue(refused(fifo).contains("FIFO"));
        for (long size : new long[] { 3L << 30, 1L << 30 }) {
            Path big = Hostile.sparse(dir.resolve("big" + size + ".properties"), size);
            long start = System.nanoTime();
            String m = refused(big);
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused within 2 s");
            assertTrue(m.contains("64 KiB") && m.contains(big.toString()), m);
        }
        assertTrue(refused(dir.resolve("missing.properties")).contains("does not exist"));
        assertTrue(refused(Files.createDirectory(dir.resolve("adir"))).contains("directory"));
    }

    @Test
    void aByteOrderMarkIsAcceptedAndAWrongEncodingSaysWhatAndWhere() throws Exception {
        byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
        byte[] text = LAB.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(text, 0, withBom, 3, text.length);
        ConnectionProfile c = ProfileFile.read(Files.write(dir.resolve("bom.properties"), withBom));
        assertEquals("sbs2003.contoso.local", c.sourceHost(), "the first key is read despite the BOM");
        Path latin1 = Files.write(dir.resolve("latin1.properties"),
                (LAB + "profile.name=Caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        String m = refused(latin1);
        assertTrue(m.contains("not UTF-8") && m.contains("line 5") && m.contains("column 17"), m);
        Path utf16 = Files.write(dir.resolve("utf16.properties"), ("\ufeff" + LAB).getBytes(StandardCharsets.UTF_16LE));
        m = refused(utf16);
        assertTrue(m.contains("UTF-16"), m);
    }

    @Test
    void brokenEscapesAndControlCharactersNameTheKeyAndRule() throws Exception {
        String m = refused(profile(LAB + "profile.name=x\\uZZZZ\n"));
        assertTrue(m.contains("profile.name") && m.contains("line 5") && m.contains("four hex digits"), m);
        m = refused(profile(LAB + "profile.name=x\\u12\n"));
        assertTrue(m.contains("profile.name"), m);
        m = refused(profile(LAB + "source.ldap.ca=\\u0000\n"));
        assertTrue(m.contains("source.ldap.ca") && m.contains("control character (U+0000)"), m);
        m = refused(profile(LAB + "source.admin=Admin\\u001b[2J\n"));
        assertTrue(m.contains("source.admin") && m.contains("U+001B"), m);
        assertFalse(m.contains("\u001b"), "the escape character is not echoed");
        // an escaped backslash before u is not an escape
        assertEquals("C:\\users\\x", ProfileFile.read(profile(LAB + "profile.name=C:\\\\users\\\\x\n")).name());
    }

    @Test
    void aCaThatIsADirectoryMissingOrAFifoIsRefusedByKey() throws Exception {
        Files.createDirectory(dir.resolve("ca-dir"));
        String m = refused(profile(LAB + "source.ldap.ca=ca-dir\n"));
        assertTrue(m.contains("source.ldap.ca 'ca-dir' is a directory"), m);
        m = refused(profile(LAB + "lab.ca=nope.pem\n"));
        assertTrue(m.contains("lab.ca 'nope.pem' does not exist"), m);
        Hostile.fifo(dir.resolve("ca.fifo"));
        m = refused(profile(LAB + "source.ldap.ca=ca.fifo\n"));
        assertTrue(m.contains("source.ldap.ca") && m.contains("FIFO"), m);
    }

    @Test
    void passwordFilesAreBoundedRegularUtf8WithoutControlCharacters() throws Exception {
        String m = passwordRefused(password("hunter\r2\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.contains("carriage return") && m.contains("character 7"), m);
        assertFalse(m.contains("hunter"), "the password is not in the message: " + m);
        assertArrayEquals("S3cret!".toCharArray(), PasswordFile.read(password("S3cret!\r\n".getBytes(
                StandardCharsets.UTF_8))), "CR LF line ends are fine");
        assertArrayEquals("S3cret\u00e9".toCharArray(), PasswordFile.read(password(("\ufeffS3cret\u00e9\n")
                .getBytes(StandardCharsets.UTF_8))), "a BOM is dropped");
        m = passwordRefused(password(new byte[] { 'a', (byte) 0xE9, 'b' }));
        assertTrue(m.contains("not UTF-8") && m.contains("byte 1"), m);
        m = passwordRefused(password(new byte[] { 'a', 0, 'b' }));
        assertTrue(m.contains("U+0000"), m);
        Path fifo = Hostile.fifo(dir.resolve("pw.fifo"));
        Files.setPosixFilePermissions(fifo, PosixFilePermissions.fromString("rw-------"));
        assertTrue(passwordRefused(fifo).contains("FIFO"));
        Path big = Hostile.sparse(dir.resolve("pw.big"), 3L << 30);
        Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rw-------"));
        m = passwordRefused(big);
        assertTrue(m.contains("4 KiB"), m);
        m = assertThrows(ConnectionException.class, () -> PasswordFile.readStdin(new ByteArrayInputStream(
                new byte[1 << 20]))).getMessage();
        assertTrue(m.contains("4096"), m);
        assertArrayEquals("x".toCharArray(), PasswordFile.readStdin(new ByteArrayInputStream("x\r\nrest"
                .getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void theWritersOfConnectWritePrivateFilesAndNeverThroughALink() throws Exception {
        Path ws = dir.resolve("ws");
        Files.createDirectories(ws);
        ConnectionProfile c = ProfileFile.read(profile(LAB));
        Path target = ws.resolve(ProfileFile.WORKSPACE_PROFILE);
        ProfileFile.write(c, target);
        assertEquals("rw-------", SafeFiles.permissions(target));
        Path victim = Files.writeString(dir.resolve("victim"), "keep me");
        Files.delete(target);
        Files.createSymbolicLink(target, victim);
        assertThrows(UnsafeFileException.class, () -> ProfileFile.write(c, target));
        assertEquals("keep me", Files.readString(victim));
        Files.delete(target);
        // the old fixed temporary name is no longer used: a link there changes nothing
        Files.createSymbolicLink(ws.resolve("profile.properties.tmp"), victim);
        ProfileFile.write(c, target);
        assertEquals("keep me", Files.readString(victim));

        CertificatePins pins = new CertificatePins(ws);
        pins.pin("sbs2003:636", "AA:BB", "CN=sbs2003");
        assertEquals("rw-------", SafeFiles.permissions(ws.resolve(CertificatePins.FILE)));
        assertEquals("AA:BB", pins.pinned("sbs2003:636"));

        new RunStore(ws).save(new org.migrationconsole.api.check.CheckRun(java.time.Instant.now(), "t",
                java.util.List.of(), false));
        assertEquals("rwx------", SafeFiles.permissions(ws.resolve("checks")));
        assertEquals("rw-------", SafeFiles.permissions(ws.resolve("checks/latest.json")));
        assertEquals("rw-------", SafeFiles.permissions(ws.resolve("checks/last-run.json")));
    }

    @Test
    void aProfileOfAnotherUserIsNotOverwritten() throws Exception {
        assumeTrue(Hostile.isRoot(), "needs root to make a file of another user");
        ConnectionProfile c = ProfileFile.read(profile(LAB));
        Path target = Files.writeString(dir.resolve("other.properties"), "theirs");
        Hostile.ownedByNobody(target);
        UnsafeFileException e = assertThrows(UnsafeFileException.class, () -> ProfileFile.write(c, target));
        assertEquals("other-owner", e.rule());
        assertEquals("theirs", Files.readString(target));
    }
}
