package org.migrationconsole.product.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.migrationconsole.product.tests.Product.Result;

/** Every headless command and exit code, against the real product. */
class CommandLineTest {

    private static final List<String> STEPS = List.of("prepare", "install", "join", "move", "redirect", "demote",
            "post", "bpa");

    private static Path ws;

    @BeforeAll
    static void workspace() throws Exception {
        ws = Product.newWorkspace("cli");
    }

    private static Result ok(String... args) throws Exception {
        Result r = Product.headless(ws, args);
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private static Result exit(int code, String... args) throws Exception {
        Result r = Product.headless(ws, args);
        assertEquals(code, r.exit(), r.toString());
        return r;
    }

    @Test
    void helpAndBadUsage() throws Exception {
        assertTrue(ok("help").out().contains("task ID start|complete|skip|fail|reset"));
        assertTrue(exit(2).err().contains("no command given"));
        assertTrue(exit(2, "bogus").err().contains("unknown command 'bogus'"));
        assertTrue(exit(2, "status", "--bogus").err().contains("unknown option --bogus"));
        assertTrue(exit(2, "task", "prepare.backup").err().contains("task needs an id and an action"));
        assertTrue(exit(2, "task", "prepare.backup", "finish").err().contains("unknown task action 'finish'"));
        assertTrue(exit(2, "task", "prepare.backup", "note", "--note").err().contains("--note needs a value"));
    }

    @Test
    void statusJsonListsTheEightStepsInOrderWithBundlesTasksAndClocks() throws Exception {
        JsonObject root = JsonParser.parseString(ok("status", "--json").out()).getAsJsonObject();
        JsonArray steps = root.getAsJsonArray("steps");
        List<String> ids = new ArrayList<>();
        int previousOrder = Integer.MIN_VALUE;
        for (JsonElement e : steps) {
            JsonObject s = e.getAsJsonObject();
            ids.add(s.get("id").getAsString());
            assertEquals("org.migrationconsole.step." + s.get("id").getAsString(), s.get("bundle").getAsString());
            assertTrue(s.get("order").getAsInt() > previousOrder);
            previousOrder = s.get("order").getAsInt();
            JsonArray tasks = s.getAsJsonArray("tasks");
            assertEquals(tasks.size(), s.get("total").getAsInt());
            for (JsonElement te : tasks) {
                JsonObject t = te.getAsJsonObject();
                for (String key : List.of("id", "title", "state", "recordedState", "optional", "kind", "unverified",
                        "prerequisites", "blockedReasons", "changedAt", "changedBy", "note")) {
                    assertTrue(t.has(key), t.get("id") + " lacks " + key);
                }
                if (t.get("state").getAsString().equals("blocked")) {
                    assertFalse(t.getAsJsonArray("blockedReasons").isEmpty());
                }
            }
        }
        assertEquals(STEPS, ids);
        JsonArray clocks = root.getAsJsonArray("clocks");
        assertEquals(List.of("preparation-tool", "coexistence", "reformat-hold"),
                clocks.asList().stream().map(c -> c.getAsJsonObject().get("id").getAsString()).toList());
        assertFalse(root.getAsJsonObject("workspace").get("readOnly").getAsBoolean());
        assertEquals(ws.toRealPath().toString(), root.getAsJsonObject("workspace").get("directory").getAsString());
    }

    @Test
    void statusTextShowsStepsTasksClocksAndTheNextTask() throws Exception {
        String out = ok("status").out();
        assertTrue(out.contains("1. Prepare the source server  [org.migrationconsole.step.prepare]"), out);
        assertTrue(out.contains("8. Run the Best Practices Analyzer"), out);
        assertTrue(out.contains("Clocks:"), out);
        assertTrue(out.contains("Next: "), out);
    }

    @Test
    void taskCommandsFollowTheRulesWithTheRightExitCodes() throws Exception {
        Path own = Product.newWorkspace("tasks");
        assertEquals("prepare.lob-plan: not-started -> in-progress",
                Product.headless(own, "task", "prepare.lob-plan", "start").out().strip());
        Result again = Product.headless(own, "task", "prepare.lob-plan", "start");
        assertEquals(1, again.exit(), again.toString());
        assertTrue(again.err().contains("already in progress"), again.err());
        assertEquals(0, Product.headless(own, "task", "prepare.lob-plan", "complete", "--note", "w32tm ok").exit());
        Result twice = Product.headless(own, "task", "prepare.lob-plan", "complete");
        assertEquals(1, twice.exit());
        assertTrue(twice.err().contains("reset it first"), twice.err());

        Result blocked = Product.headless(own, "task", "prepare.run-mpt", "complete");
        assertEquals(1, blocked.exit(), blocked.toString());
        assertTrue(blocked.err().contains("prepare.backup") && blocked.err().contains("prepare.windows-sp2"),
                blocked.err());

        Result required = Product.headless(own, "task", "prepare.backup", "skip");
        assertEquals(1, required.exit());
        assertTrue(required.err().contains("required and cannot be skipped"), required.err());
        assertEquals(0, Product.headless(own, "task", "prepare.mpt-prerequisites", "skip", "--note", "n/a").exit());

        Result noReason = Product.headless(own, "task", "prepare.lob-plan", "reset");
        assertEquals(2, noReason.exit());
        assertTrue(noReason.err().contains("needs a reason"), noReason.err());
        Result reset = Product.headless(own, "task", "prepare.lob-plan", "reset", "--note", "clock drifted again");
        assertEquals(0, reset.exit(), reset.toString());
        assertTrue(reset.out().contains("completed -> not-started"), reset.out());

        Result unknown = Product.headless(own, "task", "prepare.nothing", "start");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("Unknown task 'prepare.nothing'"), unknown.err());

        assertEquals(2, Product.headless(own, "task", "prepare.backup", "note").exit());
        assertEquals(0, Product.headless(own, "task", "prepare.backup", "note", "--note", "tape in the safe").exit());
        Result failed = Product.headless(own, "task", "prepare.backup", "fail", "--note", "restore test failed",
                "--json");
        assertEquals(0, failed.exit(), failed.toString());
        assertEquals("failed", JsonParser.parseString(failed.out()).getAsJsonObject().get("state").getAsString());

        JsonArray journal = JsonParser.parseString(Product.headless(own, "journal", "--json").out()).getAsJsonArray();
        assertEquals(6, journal.size(), journal.toString());
        JsonObject resetEntry = journal.get(3).getAsJsonObject();
        assertEquals("transition", resetEntry.get("type").getAsString());
        assertEquals("prepare.lob-plan", resetEntry.get("task").getAsString());
        assertEquals("completed", resetEntry.get("from").getAsString());
        assertEquals("not-started", resetEntry.get("to").getAsString());
        assertEquals("clock drifted again", resetEntry.get("note").getAsString());
        assertEquals(System.getProperty("user.name"), resetEntry.get("who").getAsString());
        assertTrue(resetEntry.get("at").getAsString().endsWith("Z"));
        assertEquals(4, resetEntry.get("seq").getAsInt());

        String text = Product.headless(own, "journal").out();
        assertTrue(text.contains("completed -> not-started") && text.contains("tape in the safe"), text);
    }

    @Test
    void aDamagedJournalStopsEveryCommandNamingFileAndRecordAndIsNotRewritten() throws Exception {
        Path own = Product.newWorkspace("corrupt");
        // manual tasks: the check-gated ones (time-sync, dhcp-plan, ...) would need a check run first
        for (String t : List.of("prepare.lob-plan", "prepare.email-plan", "prepare.backup")) {
            assertEquals(0, Product.headless(own, "task", t, "complete").exit());
        }
        Path journal = own.resolve("journal.jsonl");
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        lines.set(2, lines.get(2).replace("prepare.email-plan", "prepare.email-plax"));
        Files.writeString(journal, String.join("\n", lines) + "\n");
        byte[] before = Files.readAllBytes(journal);
        for (String[] args : List.of(new String[] { "status" }, new String[] { "journal", "--json" },
                new String[] { "task", "prepare.backup", "start" })) {
            Result r = Product.headless(own, args);
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains(journal.toRealPath().toString()) && r.err().contains("record 2 (line 3)"),
                    r.err());
        }
        assertArrayEquals(before, Files.readAllBytes(journal));
    }

    @Test
    void aTornLastRecordIsDroppedWithAWarningAndWorkGoesOn() throws Exception {
        Path own = Product.newWorkspace("torn");
        assertEquals(0, Product.headless(own, "task", "prepare.lob-plan", "complete").exit());
        Files.writeString(own.resolve("journal.jsonl"), "{\"seq\":2,\"at\":\"2026-", StandardOpenOption.APPEND);
        Result r = Product.headless(own, "task", "prepare.email-plan", "complete");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("warning: The last journal record (record 2, line 3"), r.err());
        Result after = Product.headless(own, "journal", "--json");
        assertEquals(2, JsonParser.parseString(after.out()).getAsJsonArray().size(), after.toString());
        assertTrue(after.err().isBlank(), "the torn bytes were cut off once: " + after.err());
    }
    @Test
    void theReportCommandWritesHtmlAndPdfAndNamesTheBadOption() throws Exception {
        Path ws = Product.newWorkspace("report-cli");
        Result help = Product.headless(ws, "help");
        assertTrue(help.out().contains("report"), "report is listed: " + help.out());
        Result noOut = Product.headless(ws, "report", "--format", "html");
        assertEquals(2, noOut.exit(), noOut.toString());
        assertTrue(noOut.err().contains("--out"), noOut.err());
        Path dir = ws.resolve("out");
        Result bad = Product.headless(ws, "report", "--out", dir.toString(), "--format", "word");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--format") && bad.err().contains("'word'"), bad.err());
        Path file = Files.writeString(ws.resolve("a-file"), "x");
        Result notDir = Product.headless(ws, "report", "--out", file.toString());
        assertEquals(2, notDir.exit(), notDir.toString());
        assertTrue(notDir.err().contains("--out") && notDir.err().contains("not a folder"), notDir.err());

        Result html = Product.headless(ws, "report", "--out", dir.toString(), "--format", "html");
        assertEquals(0, html.exit(), html.toString());
        assertTrue(html.out().contains("Wrote " + dir.resolve("migration-report.html")), html.out());
        assertFalse(Files.exists(dir.resolve("migration-report.pdf")), "only the format asked for");
        Result both = Product.headless(ws, "report", "--out", dir.toString(), "--json");
        assertEquals(0, both.exit(), both.toString());
        JsonArray files = JsonParser.parseString(both.out()).getAsJsonObject().getAsJsonArray("files");
        assertEquals(2, files.size(), both.out());
        byte[] pdf = Files.readAllBytes(dir.resolve("migration-report.pdf"));
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.ISO_8859_1));
    }
}
