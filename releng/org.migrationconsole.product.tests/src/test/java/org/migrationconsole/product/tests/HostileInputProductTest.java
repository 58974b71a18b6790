package org.migrationconsole.product.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.migrationconsole.product.tests.Product.Result;

/**
 * Issue 9 through the product: the launcher passes arguments unchanged, read-only commands never
 * change a damaged journal, forged records are refused or not trusted, nothing hangs on a FIFO.
 */
class HostileInputProductTest {

    /** Appends a record a forger would write: right sequence, chain and CRC-32C. */
    private static void forge(Path journal, String fields) throws Exception {
        byte[] data = Files.readAllBytes(journal);
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        String last = lines.get(lines.size() - 1);
        String prev = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(last.getBytes(StandardCharsets.UTF_8)));
        String json = "{\"seq\":" + lines.size() + "," + fields + ",\"prev\":\"" + prev + "\"}";
        CRC32C crc = new CRC32C();
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        crc.update(j);
        String line = json + " #" + HexFormat.of().toHexDigits((int) crc.getValue()) + "\n";
        byte[] out = new byte[data.length + line.getBytes(StandardCharsets.UTF_8).length];
        System.arraycopy(data, 0, out, 0, data.length);
        System.arraycopy(line.getBytes(StandardCharsets.UTF_8), 0, out, data.length, out.length - data.length);
        Files.write(journal, out);
    }

    private static Path workspaceWithHistory(String name) throws Exception {
        Path ws = Product.newWorkspace(name);
        for (String t : List.of("prepare.lob-plan", "prepare.email-plan")) {
            Result r = Product.headless(ws, "task", t, "complete", "--note", "done");
            assertEquals(0, r.exit(), r.toString());
        }
        return ws;
    }

    @Test
    void readOnlyCommandsLeaveEveryDamagedJournalByteForByteAndRefuseWithFileAndRecord() throws Exception {
        Path ws = workspaceWithHistory("damaged");
        Path journal = ws.resolve("journal.jsonl");
        byte[] good = Files.readAllBytes(journal);
        String goodText = new String(good, StandardCharsets.UTF_8);
        Map<String, byte[]> cases = new LinkedHashMap<>();
        String lastLine = goodText.substring(goodText.lastIndexOf('\n', goodText.length() - 2) + 1);
        cases.put("flipped byte in the last complete record", (goodText.substring(0, goodText.length()
                - lastLine.length()) + lastLine.replace("done", "dome")).getBytes(StandardCharsets.UTF_8));
        cases.put("zeros", new byte[4096]);
        cases.put("garbage without newline", "not a journal at all".getBytes(StandardCharsets.UTF_8));
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("transition without task", "\"at\":\"2026-11-24T12:00:00Z\",\"who\":\"x\",\"type\":\"transition\","
                + "\"from\":\"not-started\",\"to\":\"in-progress\"");
        forged.put("time in year +999999999", "\"at\":\"+999999999-12-31T23:59:59Z\",\"who\":\"x\","
                + "\"type\":\"transition\",\"task\":\"prepare.backup\",\"from\":\"not-started\",\"to\":\"in-progress\"");
        forged.put("path z", "\"at\":\"2026-11-24T12:00:00Z\",\"who\":\"x\",\"type\":\"path\",\"from\":\"a\","
                + "\"to\":\"z\",\"note\":\"why\"");
        for (Map.Entry<String, String> f : forged.entrySet()) {
            Files.write(journal, good);
            forge(journal, f.getValue());
            cases.put(f.getKey(), Files.readAllBytes(journal));
        }
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            Files.write(journal, c.getValue());
            for (String[] args : List.of(new String[] { "status" }, new String[] { "journal" },
                    new String[] { "journal", "--json" }, new String[] { "profile", "show" },
                    new String[] { "status", "--json" })) {
                Result r = Product.headless(ws, args);
                assertEquals(2, r.exit(), c.getKey() + ", " + String.join(" ", args) + ": " + r);
                assertTrue(r.err().contains(journal.toRealPath().toString()), c.getKey() + ": " + r.err());
                assertTrue(r.err().matches("(?s).*record [23] \\(line [34]\\).*")
                        || r.err().contains("not a Migration Console journal"),
                        c.getKey() + ": " + r.err());
                assertFalse(r.err().contains("Exception") || r.out().contains("Exception"), r.toString());
                assertArrayEquals(c.getValue(), Files.readAllBytes(journal), c.getKey() + ": " + String.join(" ",
                        args) + " changed the journal");
            }
            Result change = Product.headless(ws, "task", "prepare.backup", "start");
            assertEquals(2, change.exit(), change.toString());
            assertArrayEquals(c.getValue(), Files.readAllBytes(journal), c.getKey() + ": a change was written");
        }
        // a torn tail: read-only commands show the records and a warning and change nothing
        byte[] torn = (goodText + "{\"seq\":3,\"at\":\"2026-").getBytes(StandardCharsets.UTF_8);
        Files.write(journal, torn);
        for (String cmd : List.of("status", "journal")) {
            Result r = Product.headless(ws, cmd);
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.err().contains("incomplete"), r.err());
            assertArrayEquals(torn, Files.readAllBytes(journal), cmd + " changed a torn journal");
        }
    }

    @Test
    void aForgedCompletionWithAValidChainIsNotTrusted() throws Exception {
        Path ws = workspaceWithHistory("forged");
        Path journal = ws.resolve("journal.jsonl");
        forge(journal, "\"at\":\"2026-11-24T12:00:00Z\",\"who\":\"mallory\",\"type\":\"transition\","
                + "\"task\":\"prepare.run-mpt\",\"from\":\"not-started\",\"to\":\"completed\"");
        Result r = Product.headless(ws, "status", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("record 3") && r.err().contains("mallory") && r.err().contains("not applied"),
                r.err());
        String recorded = null;
        for (var step : JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("steps")) {
            for (var task : step.getAsJsonObject().getAsJsonArray("tasks")) {
                if (task.getAsJsonObject().get("id").getAsString().equals("prepare.run-mpt")) {
                    recorded = task.getAsJsonObject().get("recordedState").getAsString();
                }
            }
        }
        assertEquals("not-started", recorded, "the forged completion is not applied");
    }

    @Test
    void aFifoJournalDoesNotHang() throws Exception {
        Path ws = Product.newWorkspace("fifo");
        Process mk = new ProcessBuilder("mkfifo", ws.resolve("journal.jsonl").toString()).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0);
        long start = System.nanoTime();
        Result r = Product.headless(ws, "status");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "returned in time");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("FIFO"), r.err());
    }

    @Test
    void theLaunchersPassEmptyArgumentsAndNewlinesThroughUnchanged() throws Exception {
        Path root = Product.dir();
        while (root != null && !Files.exists(root.resolve("ARCHITECTURE.md"))) {
            root = root.getParent();
        }
        for (Path script : List.of(Product.script(), root.resolve("migration-console"))) {
            Path ws = Product.newWorkspace("args");
            String note = "line one\nline two with  two spaces\n\nand an empty line";
            Result r = Product.run(List.of(script.toString(), "--headless", "--workspace", ws.toString(), "task",
                    "prepare.lob-plan", "note", "--note", note), Map.of());
            assertEquals(0, r.exit(), script + ": " + r);
            Result j = Product.headless(ws, "journal", "--json");
            JsonArray a = JsonParser.parseString(j.out()).getAsJsonArray();
            assertEquals(note, a.get(a.size() - 1).getAsJsonObject().get("note").getAsString(), script.toString());
            Result empty = Product.run(List.of(script.toString(), "--headless", "--workspace", ws.toString(), "task",
                    "", "start"), Map.of());
            assertEquals(2, empty.exit(), script + ": the empty task id reaches the command: " + empty);
            assertTrue(empty.err().contains("task"), empty.err());
        }
    }

    @Test
    void anEmptyWorkspaceIsRefusedAndCreatesNothing() throws Exception {
        Path cwd = Product.newWorkspace("cwd");
        for (List<String> args : List.of(List.of("--headless", "--workspace", "", "status"),
                List.of("--headless", "--workspace=", "status"))) {
            List<String> cmd = new ArrayList<>();
            cmd.add(Product.script().toString());
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), out);
            assertTrue(out.contains("--workspace needs a directory"), out);
            try (var s = Files.list(cwd)) {
                assertEquals(List.of(), s.toList(), "nothing was created in the current folder");
            }
        }
    }

    @Test
    void aHomeFolderThatCannotBeWrittenGivesAMessageNotExit15() throws Exception {
        Process probe = new ProcessBuilder("runuser", "-u", "nobody", "--", "test", "-x", Product.script().toString())
                .redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "needs root, runuser and a product the user nobody (home /nonexistent) can run");
        Path shared = Files.createTempDirectory("mc-nobody");
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "migration-console-65534");
        try {
            Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            Result noWorkspace = Product.run(List.of("runuser", "-u", "nobody", "--", Product.script().toString(),
                    "--headless", "status"), Map.of("TMPDIR", System.getProperty("java.io.tmpdir")));
            assertEquals(2, noWorkspace.exit(), noWorkspace.toString());
            assertTrue(noWorkspace.err().contains("cannot be written") && noWorkspace.err().contains(
                    "Cannot open the workspace /nonexistent/MigrationConsole/default"), noWorkspace.err());
            Result withWorkspace = Product.run(List.of("runuser", "-u", "nobody", "--", Product.script().toString(),
                    "--headless", "--workspace", shared.resolve("ws").toString(), "status"),
                    Map.of("TMPDIR", System.getProperty("java.io.tmpdir")));
            assertEquals(0, withWorkspace.exit(), withWorkspace.toString());
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(shared.resolve("ws"))));
        } finally {
            for (Path p : List.of(shared, cache)) {
                if (Files.exists(p)) {
                    try (var s = Files.walk(p)) {
                        s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
                    }
                }
            }
        }
    }
}
