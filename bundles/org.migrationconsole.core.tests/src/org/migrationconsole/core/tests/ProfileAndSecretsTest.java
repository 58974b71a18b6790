package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.ConnectionProfile.LdapSecurity;
import org.migrationconsole.api.check.Severity;
import org.migrationconsole.api.check.TargetVersion;
import org.migrationconsole.connect.PasswordFile;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.SecretStore;
import org.migrationconsole.connect.internal.RunStore;

/** Profiles (file format and every rule), password files, secure storage, stored check results. */
class ProfileAndSecretsTest {

    @TempDir
    Path dir;

    private static Properties lab() {
        Properties p = new Properties();
        p.setProperty("source.host", "sbs2003.contoso.local");
        p.setProperty("source.domain", "contoso.local");
        p.setProperty("source.admin", "Administrator");
        p.setProperty("target.version", "essentials-2012");
        return p;
    }

    private static String problem(Properties p) {
        return assertThrows(ConnectionException.class, () -> ProfileFile.parse(p, "test.properties", null))
                .getMessage();
    }

    @Test
    void aMinimalProfileGetsItsDefaults() throws Exception {
        ConnectionProfile c = ProfileFile.parse(lab(), "test", null);
        assertEquals(LdapSecurity.KERBEROS, c.ldapSecurity(), "Kerberos unless a CA is given or chosen otherwise");
        assertEquals("CONTOSO", c.netbiosDomain());
        assertEquals(TargetVersion.ESSENTIALS_2012, c.target());
        assertEquals("sbs2003.contoso.local", c.name());
    }

    @Test
    void everyBrokenFieldIsNamedWithItsRule() {
        Properties p = lab();
        p.remove("source.admin");
        p.setProperty("source.host", "sbs_2003..local");
        p.setProperty("source.address", "10.0.0.256");
        p.setProperty("source.ldap.security", "tls");
        p.setProperty("target.version", "sbs2011");
        p.setProperty("destination.host", "-bad");
        String m = problem(p);
        for (String expected : List.of("source.admin is missing", "source.host 'sbs_2003..local' is not a valid host",
                "source.address '10.0.0.256' is not an IPv4", "source.ldap.security 'tls' must be kerberos, ldaps, starttls"
                        + " or plain", "target.version 'sbs2011' must be one of essentials-2012",
                "destination.host '-bad'")) {
            assertTrue(m.contains(expected), "missing '" + expected + "' in: " + m);
        }
        assertTrue(m.contains("test.properties"), m);
    }

    @Test
    void aPasswordInAProfileIsRefused() {
        Properties p = lab();
        p.setProperty("source.password", "Secret1!");
        String m = problem(p);
        assertTrue(m.contains("passwords do not belong in a profile"), m);
        assertFalse(m.contains("Secret1!"), "the refused password is not echoed");
    }

    @Test
    void profilesRoundTripThroughTheFile() throws Exception {
        Properties p = lab();
        p.setProperty("source.address", "10.99.0.10");
        p.setProperty("source.ldap.security", "starttls");
        p.setProperty("destination.host", "newdc.contoso.local");
        ConnectionProfile c = ProfileFile.parse(p, "test", null);
        Path f = dir.resolve("p.properties");
        ProfileFile.write(c, f);
        assertEquals(c, ProfileFile.read(f));
        assertFalse(Files.readString(f).toLowerCase().contains("password="));
    }

    @Test
    void passwordFilesMustBeOwnerOnly() throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, "S3cret!pass\nsecond line ignored\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        ConnectionException e = assertThrows(ConnectionException.class, () -> PasswordFile.read(f));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertArrayEquals("S3cret!pass".toCharArray(), PasswordFile.read(f));
        assertArrayEquals("from stdin".toCharArray(), PasswordFile.readStdin(
                new ByteArrayInputStream("from stdin\r\n".getBytes(StandardCharsets.UTF_8))));
        assertThrows(ConnectionException.class,
                () -> PasswordFile.readStdin(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void secureStorageKeepsThePasswordEncryptedOutsideTheWorkspace() throws Exception {
        Path store = dir.resolve("store");
        SecretStore s = SecretStore.open(store);
        s.put("Administrator@sbs2003.contoso.local", "Pa$$w0rd-lab".toCharArray());
        assertArrayEquals("Pa$$w0rd-lab".toCharArray(),
                SecretStore.open(store).get("Administrator@sbs2003.contoso.local").orElseThrow());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(store.resolve("secure-storage.key"))));
        try (Stream<Path> files = Files.walk(store)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains("Pa$$w0rd-lab"),
                        "plain password in " + f);
            }
        }
        s.remove("Administrator@sbs2003.contoso.local");
        assertTrue(SecretStore.open(store).get("Administrator@sbs2003.contoso.local").isEmpty());
    }

    @Test
    void checkResultsAreStoredAndTheLatestOutcomeOfEachCheckIsKept() throws Exception {
        RunStore store = new RunStore(dir);
        CheckOutcome failing = new CheckOutcome("domain.x", "X", "prepare", "prepare.support-tools", Severity.ERROR,
                CheckResult.fail("broken", List.of("read: a"), "fix it"), Instant.parse("2026-11-24T10:00:00Z"), 12);
        CheckOutcome other = new CheckOutcome("source.y", "Y", "prepare", null, Severity.WARNING,
                CheckResult.pass("fine", List.of()), Instant.parse("2026-11-24T10:00:00Z"), 3);
        store.save(new CheckRun(Instant.parse("2026-11-24T10:00:00Z"), "lab", List.of(failing, other), false));
        CheckOutcome fixed = new CheckOutcome("domain.x", "X", "prepare", "prepare.support-tools", Severity.ERROR,
                CheckResult.pass("ok now", List.of("read: b")), Instant.parse("2026-11-24T11:00:00Z"), 9);
        store.save(new CheckRun(Instant.parse("2026-11-24T11:00:00Z"), "lab", List.of(fixed), false));
        CheckRun last = store.lastRun().orElseThrow();
        assertEquals(List.of(fixed), last.outcomes());
        assertEquals(2, store.latest().size(), "source.y is still known from the first run");
        assertEquals(fixed, store.latest().get("domain.x"));
        assertTrue(failing.blocks());
        assertFalse(fixed.blocks());
    }
}
