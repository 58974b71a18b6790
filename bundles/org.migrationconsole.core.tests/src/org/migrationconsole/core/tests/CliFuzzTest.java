package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationconsole.api.artifact.ArtifactService;
import org.migrationconsole.api.command.CommandContribution;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.cli.internal.Cli;
import org.migrationconsole.cli.internal.Env;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Issue 9, "Keep the fuzzing", for the command line: a seeded generator of argument lists (the
 * shell's commands and the installed steps' contributed commands, their real options, hostile
 * values: control characters, escapes, huge numbers, empty strings, paths to a FIFO, a folder,
 * a missing file) run in-process against the real state service and command tree. Property:
 * exit 0, 1 or 2 only (never 3, never an exception); a refusal or usage error says "error:" or
 * "refused:" and names the option, command or value it is about; the terminal never receives an
 * unescaped control character or a stack trace; the journal and every input file are
 * byte-for-byte unchanged (only read-only commands and commands with unusable values are
 * generated; the p2 commands need an installation and are tested through the product). Rerun one with {@code -Dmigrationconsole.fuzz.seed=N}.
 */
class CliFuzzTest {

    private static final int CASES = 2500;

    @TempDir
    Path dir;

    private final BundleContext context = FrameworkUtil.getBundle(CliFuzzTest.class).getBundleContext();

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        return t.waitForService(10_000);
    }

    private static final String[] HOSTILE = { "", " ", "-", "--", "\u001b]0;pwned\u0007", "\u001b[2J", "a\rb",
            "x\u0085forged", "\u202egnp.exe", "\u0000", "99999999999999999999", "-1", "0", "2147483648", "NaN",
            "1e9", "%PATH%", "^&|<>", "o'brien", "x' $(calc) '", "\"", "\\", "../../etc/passwd", "/dev/zero",
            "/proc/self/mem", "C:\\Windows", "\ud83d\ude00", "\ud800", "x".repeat(5000), "--json", "--help=x",
            "--workspace", "=", "a=b", "\u2028", "\u061c", "\u2066" };

    /** Words of a command line: commands with their subcommands, then their options. */
    private static final String[][] COMMANDS = { { "status" }, { "status", "--json" }, { "journal" },
            { "journal", "--json" }, { "journal", "--verify" }, { "journal", "--verify", "--json" },
            { "check", "--step" }, { "check", "--json", "--step" }, { "check", "--only" }, { "profile", "show" },
            { "profile", "show", "--json" }, { "profile", "import" }, { "path" }, { "path", "--json" },
            { "path", "set" }, { "task" }, { "task", "show" }, { "task", "start" }, { "task", "complete" },
            { "artifact", "list" }, { "artifact", "list", "--json" }, { "artifact", "validate" },
            { "artifact", "wipe" }, { "artifact", "write" }, { "answer-file", "validate" },
            { "answer-file", "validate", "--json" }, { "answer-file", "wipe" }, { "answer-file", "write", "--out" },
            { "fsmo-script", "--out" }, { "help" }, { "nonsense" }, { "--nonsense" } };

    private static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    private static String noise(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            b.append(k < 5 ? (char) ('a' + r.nextInt(26)) : k < 7 ? (char) r.nextInt(0x20) : k < 8
                    ? (char) (0x80 + r.nextInt(0x20)) : k < 9 ? "-=.,/\\'\"%^&".charAt(r.nextInt(11))
                    : (char) (0x2000 + r.nextInt(0x70)));
        }
        return b.toString();
    }

    @Test
    void hostileArgumentsNeverCrashNeverForgeOutputAndChangeNothing() throws Exception {
        String s = System.getProperty("migrationconsole.fuzz.seed");
        long seed = s != null ? Long.parseLong(s) : System.nanoTime();
        System.out.println("fuzz CLI arguments: seed " + seed + " (rerun with -Dmigrationconsole.fuzz.seed=" + seed
                + ")");
        Random r = new Random(seed);

        MigrationStateService state = service(MigrationStateService.class);
        assertNotNull(state, "the migration-state service is registered");
        List<CommandContribution> contributions = new ArrayList<>();
        ServiceTracker<CommandContribution, CommandContribution> ct = new ServiceTracker<>(context,
                CommandContribution.class, null);
        ct.open();
        ct.waitForService(5_000);
        ServiceReference<CommandContribution>[] refs = ct.getServiceReferences();
        if (refs != null) {
            Arrays.sort(refs);
            for (ServiceReference<CommandContribution> ref : refs) {
                contributions.add(context.getService(ref));
            }
        }
        assertTrue(contributions.stream().anyMatch(c -> c.name().equals("answer-file")),
                "step 2's commands are contributed");
        ServiceTracker<ArtifactService, ArtifactService> at = new ServiceTracker<>(context, ArtifactService.class, null);
        at.open();

        // input files a case may name: all must stay as they are
        Path profile = Files.writeString(dir.resolve("profile.properties"), "profile.name=x\\uZZZZ\nsource.host=h\n");
        Path cfg = Files.write(dir.resolve("cfg.ini"), new byte[] { (byte) 0xFF, (byte) 0xFE, 'A', 0, '\r', 0 });
        Path text = Files.writeString(dir.resolve("important.docx"), "the customer's only copy");
        Path fifo = dir.resolve("fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        Path missing = dir.resolve("missing");
        String[] paths = { profile.toString(), cfg.toString(), text.toString(), fifo.toString(), missing.toString(),
                dir.toString(), dir.resolve("no/such/folder").toString() };
        List<Path> inputs = List.of(profile, cfg, text);
        List<byte[]> before = new ArrayList<>();
        for (Path p : inputs) {
            before.add(Files.readAllBytes(p));
        }
        Path journal = state.workspace().directory().resolve("journal.jsonl");
        byte[] journalBefore = Files.exists(journal) ? Files.readAllBytes(journal) : null;

        int[] exits = new int[4];
        long start = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            List<String> args = new ArrayList<>(Arrays.asList(COMMANDS[r.nextInt(COMMANDS.length)]));
            boolean mutating = args.contains("import") || args.contains("set") || args.contains("start")
                    || args.contains("complete") || args.contains("write") || args.contains("wipe")
                    || args.contains("fsmo-script") || args.contains("answer-file") && args.contains("write");
            int extra = mutating ? 1 + r.nextInt(3) : r.nextInt(3);
            for (int k = 0; k < extra; k++) {
                int kind = r.nextInt(4);
                args.add(kind == 0 ? pick(r, HOSTILE) : kind == 1 ? pick(r, paths) : kind == 2 ? noise(r)
                        : "--" + noise(r));
            }
            if (mutating) {
                // an unusable value first, so that nothing can be changed: a task that does not
                // exist, a path that is not a folder, an artifact id with a control character
                args.add(2 <= args.size() ? 2 : args.size(), "\u001b" + noise(r));
            }
            if (args.contains("import")) {
                continue; // profile import of a good file would change the workspace; covered by HostileInputTest
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Env env = new Env(state, null, () -> at.getService(), null, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = new Cli(env, contributions).run(args);
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ", case " + i + " " + show(args) + " threw", t);
            }
            String o = out.toString(StandardCharsets.UTF_8);
            String e = err.toString(StandardCharsets.UTF_8);
            String where = "seed " + seed + ", case " + i + " " + show(args) + ": exit " + code + "\nout: " + o
                    + "\nerr: " + e;
            assertTrue(code >= 0 && code <= 2, where);
            exits[code]++;
            for (String t : List.of(o, e)) {
                for (int c = 0; c < t.length(); c++) {
                    char ch = t.charAt(c);
                    if (ch != '\n' && ch != '\t' && (ch < 0x20 || (ch >= 0x7f && ch <= 0x9f) || (ch >= '\u202a'
                            && ch <= '\u202e') || (ch >= '\u2066' && ch <= '\u2069') || ch == '\u2028'
                            || ch == '\u061c')) {
                        fail("unescaped U+" + Integer.toHexString(ch) + " on the terminal: " + where);
                    }
                }
                assertFalse(t.contains("\tat ") || t.contains("Exception in thread"), "stack trace: " + where);
            }
            if (code == 2) {
                assertTrue(e.contains("error:") || e.contains("refused:"), where);
            }
            if (code != 0) {
                assertTrue(namesSomething(e + o, args), "the message names no option, command or value: " + where);
            }
            for (int k = 0; k < inputs.size(); k++) {
                assertArrayEquals(before.get(k), Files.readAllBytes(inputs.get(k)), inputs.get(k) + " changed: "
                        + where);
            }
            if (journalBefore != null) {
                assertArrayEquals(journalBefore, Files.readAllBytes(journal), "the journal changed: " + where);
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("fuzz CLI arguments: " + CASES + " cases in " + ms + " ms; exits 0/1/2: " + exits[0] + "/"
                + exits[1] + "/" + exits[2]);
        assertTrue(exits[2] > 0 && exits[0] > 0, "the generator reaches both good and bad command lines");
    }

    private static final int CFG_CASES = 2000;

    private static final String CFG = "; made by hand\r\n[InitialConfiguration]\r\nAcceptEula=true\r\n"
            + "ServerName=WSE2012\r\nNetbiosName=CONTOSO\r\nDNSName=contoso.local\r\nUserName=MigAdmin\r\n"
            + "PlainTextPassword=Aa1-aaaa\r\n";

    private static final String[] CFG_HOSTILE = { "\u001b]0;pwned\u0007", "\u001b[2J", "\r", "\n", "\u0085",
            "\u202e", "\u0000", "=", "[", "]", "[InitialConfiguration]", "[Other]", ";", "ServerName=", "x".repeat(400),
            "UserName=o'brien", "ServerName=a\u001bb", "K\u001b[31mey=1", "\ud800", "\ud83d\ude00", "PlainTextPassword=",
            "AcceptEula=maybe", "%PATH%", "\uFEFF" };

    /**
     * The same for cfg.ini through {@code answer-file validate FILE [--json]}: generated files in
     * every encoding (Unicode, ANSI, UTF-8 with BOM, UTF-16BE, raw bytes), with hostile key names,
     * values and lines. Property: exit 0, 1 or 2; exit 1 names each broken key, exit 2 names the
     * file; nothing unescaped on the terminal; the file unchanged.
     */
    @Test
    void generatedAnswerFilesAreJudgedNeverCrashAndStayUnchanged() throws Exception {
        String s = System.getProperty("migrationconsole.fuzz.seed");
        long seed = s != null ? Long.parseLong(s) : System.nanoTime();
        System.out.println("fuzz cfg.ini: seed " + seed + " (rerun with -Dmigrationconsole.fuzz.seed=" + seed + ")");
        Random r = new Random(seed);
        MigrationStateService state = service(MigrationStateService.class);
        List<CommandContribution> contributions = new ArrayList<>();
        ServiceTracker<CommandContribution, CommandContribution> ct = new ServiceTracker<>(context,
                CommandContribution.class, null);
        ct.open();
        ct.waitForService(5_000);
        for (ServiceReference<CommandContribution> ref : ct.getServiceReferences()) {
            contributions.add(context.getService(ref));
        }
        ServiceTracker<ArtifactService, ArtifactService> at = new ServiceTracker<>(context, ArtifactService.class, null);
        at.open();
        int[] exits = new int[4];
        long start = System.nanoTime();
        for (int i = 0; i < CFG_CASES; i++) {
            StringBuilder text = new StringBuilder(CFG);
            int edits = r.nextInt(4);
            for (int k = 0; k < edits; k++) {
                String piece = r.nextBoolean() ? pick(r, CFG_HOSTILE) : noise(r);
                int at0 = r.nextInt(text.length() + 1);
                if (r.nextInt(3) == 0) {
                    int end = Math.min(text.length(), at0 + r.nextInt(20));
                    text.replace(at0, end, piece);
                } else {
                    text.insert(at0, r.nextBoolean() ? piece : "\r\n" + piece + "\r\n");
                }
            }
            byte[] bytes;
            int enc = r.nextInt(10);
            if (enc < 5) {
                byte[] body = text.toString().getBytes(StandardCharsets.UTF_16LE);
                bytes = new byte[body.length + 2];
                bytes[0] = (byte) 0xFF;
                bytes[1] = (byte) 0xFE;
                System.arraycopy(body, 0, bytes, 2, body.length);
            } else if (enc < 7) {
                bytes = text.toString().getBytes(java.nio.charset.Charset.forName("windows-1252"));
            } else if (enc == 7) {
                bytes = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
            } else if (enc == 8) {
                bytes = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16BE);
            } else {
                bytes = new byte[r.nextInt(200)];
                r.nextBytes(bytes);
            }
            if (r.nextInt(8) == 0 && bytes.length > 0) {
                bytes = Arrays.copyOf(bytes, r.nextInt(bytes.length));
            }
            Path file = dir.resolve(r.nextInt(4) == 0 ? "answer.ini" : "cfg.ini");
            Files.write(file, bytes);
            List<String> args = new ArrayList<>(List.of("answer-file", "validate", file.toString()));
            if (r.nextBoolean()) {
                args.add("--json");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Env env = new Env(state, null, () -> at.getService(), null, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = new Cli(env, contributions).run(args);
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ", case " + i + " threw", t);
            }
            String o = out.toString(StandardCharsets.UTF_8);
            String e = err.toString(StandardCharsets.UTF_8);
            String where = "seed " + seed + ", case " + i + " " + show(args) + ": exit " + code + "\nout: " + o
                    + "\nerr: " + e;
            assertTrue(code >= 0 && code <= 2, where);
            exits[code]++;
            for (String t : List.of(o, e)) {
                for (int c = 0; c < t.length(); c++) {
                    char ch = t.charAt(c);
                    if (ch != '\n' && ch != '\t' && (ch < 0x20 || (ch >= 0x7f && ch <= 0x9f) || (ch >= '\u202a'
                            && ch <= '\u202e') || ch == '\u2028')) {
                        fail("unescaped U+" + Integer.toHexString(ch) + " on the terminal: " + where);
                    }
                }
                assertFalse(t.contains("\tat ") || t.contains("Exception"), "stack trace: " + where);
            }
            if (code == 2) {
                assertTrue(e.contains(file.toString()), "exit 2 names the file: " + where);
            }
            if (code == 1) {
                assertTrue((o + e).matches("(?s).*(InitialConfiguration|[A-Za-z]+/[A-Za-z]|\"key\").*"),
                        "exit 1 names the key: " + where);
            }
            assertArrayEquals(bytes, Files.readAllBytes(file), "the file changed: " + where);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("fuzz cfg.ini: " + CFG_CASES + " cases in " + ms + " ms; exits 0/1/2: " + exits[0] + "/"
                + exits[1] + "/" + exits[2]);
        assertTrue(exits[0] > 0 && exits[1] > 0 && exits[2] > 0, "the generator reaches valid, invalid and unreadable"
                + " files");
    }

    /** Whether the message names one of the words of the command line (as the terminal shows it). */
    private static boolean namesSomething(String message, List<String> args) {
        for (String a : args) {
            String shown = escape(a);
            if (message.contains("'" + shown + "'")) {
                return true;
            }
            String bare = shown.replaceFirst("^-+", "").replaceFirst("=.*", "");
            if (!bare.isBlank() && bare.length() >= 2 && message.contains(bare.length() > 60 ? bare.substring(0, 60)
                    : bare)) {
                return true;
            }
        }
        // a missing option value or parameter: picocli names it by its label
        return message.matches("(?s).*(--[a-z-]+|[A-Z]{2,}|'[a-z-]+').*");
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c != '\n' && c != '\t' && (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u061c' || c == '\u200e'
                    || c == '\u200f' || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                    || (c >= '\u2066' && c <= '\u2069') || c == '\ufeff')) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String show(List<String> args) {
        StringBuilder b = new StringBuilder("[");
        for (String a : args) {
            b.append(b.length() > 1 ? ", " : "").append('"').append(escape(a.length() > 80 ? a.substring(0, 80) + "..."
                    : a)).append('"');
        }
        return b.append(']').toString();
    }
}
