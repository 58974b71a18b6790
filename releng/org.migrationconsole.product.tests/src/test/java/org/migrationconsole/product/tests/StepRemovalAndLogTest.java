package org.migrationconsole.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.migrationconsole.product.tests.Product.Result;

/**
 * Against a copy of the product with a home of its own (JAVA_TOOL_OPTIONS sets user.home and the
 * log folder): no password reaches the log; the log rotates; a hung p2 director is ended with a
 * message that names the log; step 2 uninstalled leaves every other command working.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StepRemovalAndLogTest {

    private static final String PASSWORD = "Lg-Pa55word-\u00e9x";

    private static Path product;
    private static Path home;
    private static Path ws;

    @BeforeAll
    static void copyProduct() throws Exception {
        Path base = Product.newWorkspace("removal");
        product = base.resolve("migration-console");
        Result cp = Product.run(List.of("cp", "-a", Product.dir().toString(), product.toString()), Map.of());
        assertEquals(0, cp.exit(), cp.toString());
        home = Files.createDirectories(base.resolve("home"));
        ws = base.resolve("workspace");
    }

    private static Result cliWith(String options, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(product.resolve("migration-console").toString(), "--headless",
                "--workspace", ws.toString()));
        cmd.addAll(List.of(args));
        return Product.run(cmd, Map.of("JAVA_TOOL_OPTIONS", "-Duser.home=" + home + " -Dmigrationconsole.log.dir="
                + home.resolve("logs") + " " + options, "XDG_CACHE_HOME", home.resolve("cache").toString()));
    }

    private static Result cli(String... args) throws Exception {
        return cliWith("", args);
    }

    private static Result expect(int code, String... args) throws Exception {
        Result r = cli(args);
        assertEquals(code, r.exit(), String.join(" ", args) + ": " + r);
        assertFalse(r.out().contains("NoClassDefFoundError") || r.err().contains("NoClassDefFoundError"), r.toString());
        return r;
    }

    @Test
    @Order(1)
    void noPasswordReachesTheLogWhichRotates() throws Exception {
        Path profile = home.resolve("lab.profile");
        Files.writeString(profile, """
                profile.name=log test
                source.host=sbs2003.contoso.local
                source.address=127.0.0.1
                source.domain=contoso.local
                source.admin=MigAdmin
                destination.host=wse2012.contoso.local
                target.version=essentials-2012
                """);
        Path pw = home.resolve("pw");
        Files.writeString(pw, PASSWORD + "\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
        Path usb = Files.createDirectories(home.resolve("usb"));
        expect(0, "profile", "import", profile.toString(), "--password-file", pw.toString());
        expect(0, "answer-file", "write", "--out", usb.toString(), "--accept-eula", "--password-file", pw.toString());
        expect(0, "artifact", "write", "install.answer-file", "--out", usb.toString(), "--set",
                "InitialConfiguration/AcceptEula=true", "--secret-file", pw.toString());
        expect(1, "artifact", "write", "install.answer-file", "--out", usb.toString(), "--set",
                "InitialConfiguration/AcceptEula=false", "--secret-file", pw.toString());
        expect(2, "check", "--password-file", pw.toString());
        expect(0, "answer-file", "wipe", usb.toString());
        // an unexpected failure names the log
        Result secretOnTheCommandLine = cli("artifact", "write", "install.answer-file", "--out", usb.toString(),
                "--set", "InitialConfiguration/PlainTextPassword=x");
        assertEquals(2, secretOnTheCommandLine.exit());
        assertTrue(secretOnTheCommandLine.err().contains("--secret-file"), secretOnTheCommandLine.err());

        Path log = home.resolve("logs").resolve("migration-console.log");
        String text = Files.readString(log);
        assertTrue(text.contains("command: artifact write ended with exit code 1")
                && text.contains("install.answer-file: wrote"), text);
        List<byte[]> forms = new ArrayList<>();
        for (var cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.ISO_8859_1)) {
            byte[] raw = PASSWORD.getBytes(cs);
            forms.add(raw);
            forms.add(Base64.getEncoder().encode(raw));
            forms.add(Base64.getEncoder().encode(("x" + PASSWORD).getBytes(cs)));
        }
        try (Stream<Path> files = Files.walk(home.resolve("logs"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                for (byte[] form : forms) {
                    assertFalse(indexOf(content, form) >= 0, "a form of the password is in " + f);
                }
            }
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));

        // rotation: a tiny limit makes the next commands roll the file over
        for (int i = 0; i < 3; i++) {
            // a refused command is logged (a plain one is not)
            assertEquals(2, cliWith("-Dmigrationconsole.log.maxBytes=200", "task", "prepare.nothing", "start")
                    .exit());
        }
        assertTrue(Files.exists(home.resolve("logs").resolve("migration-console.1.log")), "rotated");
        assertTrue(Files.size(log) < 2_000, "the current file started again");
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    @Order(2)
    void aHungDirectorIsEndedWithAMessageNamingTheLog() throws Exception {
        // a repository whose content.xml is a named pipe nobody writes to (p2 blocks reading it, no
        // network timeout saves it), and a limit of 3 s that a director run cannot meet anyway
        Path repo = Files.createDirectories(home.resolve("hung-repository"));
        Result fifo = Product.run(List.of("mkfifo", repo.resolve("content.xml").toString()), Map.of());
        assertEquals(0, fifo.exit(), fifo.toString());
        long t0 = System.nanoTime();
        Result r = cliWith("-Dmigrationconsole.p2.timeout=3", "install", "--repository", repo.toUri().toString(),
                "--step", "companyweb");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("did not finish within 3 s"), r.err());
        assertTrue(r.err().contains(home.resolve("logs").resolve("migration-console.log").toString()), r.err());
        assertTrue(seconds >= 3 && seconds < 60, "ended after " + seconds + " s");
        assertTrue(Files.readString(home.resolve("logs").resolve("migration-console.log"))
                .contains("p2 director ended after 3 s without finishing"));
    }

    @Test
    @Order(3)
    void withoutStep2EveryOtherCommandWorksAndItsArtifactsAndCommandsAreGone() throws Exception {
        expect(0, "task", "prepare.lob-plan", "complete");
        String before = expect(0, "artifact", "list").out();
        assertTrue(before.contains("install.answer-file") && before.contains("install.fsmo-script"), before);
        Result un = expect(0, "uninstall", "--step", "install");
        assertTrue(un.out().contains("org.migrationconsole.step.install.feature"), un.toString());

        String steps = expect(0, "status", "--json").out();
        assertFalse(steps.contains("\"install\""), steps);
        expect(0, "status");
        expect(0, "steps", "--json");
        expect(0, "journal");
        expect(0, "path");
        expect(0, "help");
        expect(0, "task", "prepare.email-plan", "complete");
        String checks = expect(0, "check", "--list").out();
        assertFalse(checks.contains("destination.is-dc"), checks);
        assertTrue(checks.contains("domain.mybusiness-ou"), checks);
        String after = expect(0, "artifact", "list", "--json").out();
        assertFalse(after.contains("install."), after);
        assertTrue(expect(2, "answer-file", "validate", "cfg.ini").err().contains("unknown command 'answer-file'"));
        assertTrue(expect(2, "fsmo-script", "--out", "/tmp").err().contains("unknown command 'fsmo-script'"));
        assertTrue(expect(2, "artifact", "wipe", "install.answer-file", "/tmp").err().contains(
                "no installed artifact 'install.answer-file'"));
        Path log = home.resolve("logs").resolve("migration-console.log");
        if (Files.exists(log)) {
            assertFalse(Files.readString(log).contains("NoClassDefFoundError"));
        }
    }
}
