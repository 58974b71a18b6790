package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.connect.PasswordFile;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.core.internal.journal.Journal;
import org.migrationconsole.core.internal.state.MigrationStore;

/**
 * Issue 9, "Keep the fuzzing": seeded generative tests of the parsers core and connect own
 * (profile, password file, journal). Each prints its seed; rerun one with
 * {@code -Dmigrationconsole.fuzz.seed=N}. Property: the input is accepted or refused with a
 * message naming the file (and the key, line or record), never another exception, and the input
 * file is byte-for-byte unchanged.
 */
class FuzzTest {

    private static final int PROFILE_CASES = 3000;
    private static final int PASSWORD_CASES = 3000;
    private static final int JOURNAL_CASES = 2000;

    @TempDir
    Path dir;

    private static long seed(String what) {
        String s = System.getProperty("migrationconsole.fuzz.seed");
        long seed = s != null ? Long.parseLong(s) : System.nanoTime();
        System.out.println("fuzz " + what + ": seed " + seed + " (rerun with -Dmigrationconsole.fuzz.seed=" + seed + ")");
        return seed;
    }

    private static final String[] HOSTILE = { "\\u", "\\uZZZZ", "\\u0000", "\\u12", "\u0000", "\r", "\n", "\r\n",
            "=", ":", "\\", "\\\n", "#", "!", " ", "\t", "\u001b[2J", "\u202e", "\u0085", "\u00e9", "\ud83d\ude00",
            "x".repeat(300), "source.ldap.ca=", "source.ldap.ca=/", "source.ldap.ca=.", "lab.ca=/dev/zero",
            "source.ldap.ca=/proc/self/mem", "password=x", "source.host=", "target.version=essentials-2099",
            "source.address=999.1.1.1", "source.ldap.security=plain", "source.admin=o'brien", "profile.name=" };

    private static final String PROFILE = "profile.name=SBS lab\nsource.host=sbs2003.contoso.local\n"
            + "source.address=192.168.16.2\nsource.domain=contoso.local\nsource.netbios=CONTOSO\n"
            + "source.admin=Administrator\nsource.ldap.security=ldaps\ndestination.host=ess.contoso.local\n"
            + "target.version=essentials-2012-r2\n";

    private static byte[] mutate(Random rnd, byte[] in, String[] tokens) {
        byte[] b = in;
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            int pos = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
            switch (rnd.nextInt(7)) {
                case 0 -> { // insert a hostile token
                    byte[] t = tokens[rnd.nextInt(tokens.length)].getBytes(rnd.nextInt(5) == 0
                            ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                    b = insert(b, pos, t);
                }
                case 1 -> { // random bytes
                    byte[] t = new byte[1 + rnd.nextInt(6)];
                    rnd.nextBytes(t);
                    b = insert(b, pos, t);
                }
                case 2 -> { // delete a range
                    if (b.length > 0) {
                        int from = rnd.nextInt(b.length);
                        int to = Math.min(b.length, from + 1 + rnd.nextInt(20));
                        byte[] c = new byte[b.length - (to - from)];
                        System.arraycopy(b, 0, c, 0, from);
                        System.arraycopy(b, to, c, from, b.length - to);
                        b = c;
                    }
                }
                case 3 -> { // flip a bit
                    if (b.length > 0) {
                        b = b.clone();
                        b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                case 4 -> b = Arrays.copyOf(b, pos); // truncate
                case 5 -> { // duplicate a slice
                    if (b.length > 0) {
                        int from = rnd.nextInt(b.length);
                        int to = Math.min(b.length, from + 1 + rnd.nextInt(200));
                        b = insert(b, pos, Arrays.copyOfRange(b, from, to));
                    }
                }
                default -> b = insert(b, 0, new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }); // BOM
            }
        }
        return b;
    }

    private static byte[] insert(byte[] b, int pos, byte[] t) {
        byte[] c = new byte[b.length + t.length];
        System.arraycopy(b, 0, c, 0, pos);
        System.arraycopy(t, 0, c, pos, t.length);
        System.arraycopy(b, pos, c, pos + t.length, b.length - pos);
        return c;
    }

    private static final Pattern NAMES_SOMETHING = Pattern.compile(
            "(source|target|destination|profile|lab)\\.[a-z.]+|UTF-8|line \\d+|password|[A-Za-z0-9.]+ is missing"
                    + "|is not usable: \\S+ (contains|is|must|')");

    @Test
    void profiles() throws Exception {
        long seed = seed("profile");
        Random rnd = new Random(seed);
        Path file = dir.resolve("fuzz.properties");
        int accepted = 0;
        long start = System.nanoTime();
        for (int i = 0; i < PROFILE_CASES; i++) {
            byte[] in = mutate(rnd, PROFILE.getBytes(StandardCharsets.UTF_8), HOSTILE);
            Files.write(file, in);
            try {
                ProfileFile.read(file);
                accepted++;
            } catch (ConnectionException e) {
                String m = e.getMessage();
                if (e.kind() != ConnectionException.Kind.BAD_PROFILE || !m.contains(file.toString())
                        || !NAMES_SOMETHING.matcher(m).find() || m.contains("java.") || m.contains("Exception")
                        || m.contains("Malformed") || m.chars().anyMatch(Character::isISOControl)) {
                    fail("seed " + seed + " case " + i + ": unclear refusal: " + m + "\ninput: " + show(in));
                }
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " case " + i + ": " + e + "\ninput: " + show(in), e);
            }
            assertArrayEquals(in, Files.readAllBytes(file), "seed " + seed + " case " + i + ": the input changed");
        }
        System.out.printf("fuzz profile: %d cases, %d accepted, %d refused clearly, %d ms%n", PROFILE_CASES, accepted,
                PROFILE_CASES - accepted, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void passwordFiles() throws Exception {
        long seed = seed("password file");
        Random rnd = new Random(seed);
        Path file = dir.resolve("fuzz.password");
        String[] tokens = { "\r", "\n", "\r\n", "\u0000", "\t", "\u001b", "\u00e9", "\ufeff", "\ud83d\ude00",
                "x".repeat(5000), " " };
        int accepted = 0;
        long start = System.nanoTime();
        for (int i = 0; i < PASSWORD_CASES; i++) {
            byte[] in = mutate(rnd, "Corr3ct-Horse!\n".getBytes(StandardCharsets.UTF_8), tokens);
            Files.write(file, in);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(rnd.nextInt(20) == 0 ? "rw-r--r--"
                    : "rw-------"));
            try {
                char[] pw = PasswordFile.read(file);
                assertTrue(pw.length > 0 && new String(pw).chars().noneMatch(Character::isISOControl),
                        "seed " + seed + " case " + i);
                accepted++;
            } catch (ConnectionException e) {
                String m = e.getMessage();
                if (e.kind() != ConnectionException.Kind.NO_PASSWORD || !m.contains(file.toString())
                        || m.contains("Corr3ct") || m.contains("java.")) {
                    fail("seed " + seed + " case " + i + ": unclear refusal: " + m);
                }
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " case " + i + ": " + e + "\ninput: " + show(in), e);
            }
            assertArrayEquals(in, Files.readAllBytes(file), "seed " + seed + " case " + i + ": the input changed");
        }
        System.out.printf("fuzz password file: %d cases, %d accepted, %d refused clearly, %d ms%n", PASSWORD_CASES,
                accepted, PASSWORD_CASES - accepted, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void journals() throws Exception {
        long seed = seed("journal");
        Random rnd = new Random(seed);
        MutableClock clock = new MutableClock("2026-11-24T10:00:00Z");
        Path ws = dir.resolve("ws");
        try (MigrationStore s = MigrationStore.open(ws, clock, "tester")) {
            s.setSteps(TestSteps.both());
            s.start("prep.backup", "a \"quoted\" note\nwith a newline");
            s.complete("prep.backup", null);
            s.saveStepInputs("prep", java.util.Map.of("router", "192.168.16.1"), "notes \u00e9");
            s.addNote("prep.tool", "downloaded");
            s.start("prep.tool", null);
            s.fail("prep.tool", "error 0x80070005");
            s.reset("prep.tool", "retry");
            s.setPath("b", "replica DC");
        }
        Path file = ws.resolve(Journal.FILE_NAME);
        byte[] good = Files.readAllBytes(file);
        String[] tokens = { "\n", "\u0000", "{\"seq\":9}", "\"", "\\", " #00000000\n", "\u00e9" };
        int fatal = 0;
        int torn = 0;
        int repaired = 0;
        long start = System.nanoTime();
        for (int i = 0; i < JOURNAL_CASES; i++) {
            byte[] in = mutate(rnd, good, tokens);
            clean(ws);
            Files.write(file, in);
            String problem;
            try (MigrationStore s = MigrationStore.open(ws, clock, "tester")) {
                s.setSteps(TestSteps.both());
                s.steps();
                s.journal();
                s.verifyJournal();
                problem = s.workspace().fatalError();
                if (problem == null && !s.workspace().warnings().isEmpty()) {
                    torn++;
                }
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " case " + i + ": " + e + "\ninput: " + show(in), e);
            }
            assertArrayEquals(in, Files.readAllBytes(file), "seed " + seed + " case " + i
                    + ": a read-only use changed the journal");
            if (problem != null) {
                fatal++;
                if (!problem.contains(file.toString()) || !(problem.contains("record ")
                        || problem.contains("not a Migration Console journal"))) {
                    fail("seed " + seed + " case " + i + ": unclear refusal: " + problem);
                }
            } else if (i % 8 == 0) {
                // a writer's first change repairs a torn tail and leaves a journal that reads cleanly
                try (MigrationStore s = MigrationStore.open(ws, clock, "tester")) {
                    s.setSteps(TestSteps.both());
                    s.addNote("prep.extra", "after fuzz case " + i);
                }
                try (MigrationStore s = MigrationStore.open(ws, clock, "tester")) {
                    assertNull(s.workspace().fatalError(), "seed " + seed + " case " + i);
                    assertTrue(s.verifyJournal().chainHead() != null);
                }
                repaired++;
            }
        }
        System.out.printf("fuzz journal: %d cases, %d refused with file and record, %d read with warnings, %d"
                + " appended to after reading, %d ms%n", JOURNAL_CASES, fatal, torn, repaired,
                (System.nanoTime() - start) / 1_000_000);
        clean(ws);
        Files.write(file, good);
        try (MigrationStore s = MigrationStore.open(ws, clock, "tester")) {
            s.setSteps(TestSteps.both());
            assertEquals(List.of(), s.workspace().warnings());
            assertEquals(TaskState.COMPLETED, s.task("prep.backup").orElseThrow().recordedState());
            assertEquals("b", s.path());
        }
    }

    private static void clean(Path ws) throws Exception {
        try (var s = Files.list(ws)) {
            for (Path p : s.toList()) {
                if (p.getFileName().toString().startsWith("journal.torn-")) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String show(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte x : b) {
            if (x >= 0x20 && x < 0x7f && x != '\\') {
                out.write(x);
            } else {
                out.writeBytes(String.format("\\x%02x", x & 0xff).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
