package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationconsole.api.state.JournalEntry;
import org.migrationconsole.api.state.JournalVerification;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.core.files.SafeFiles;
import org.migrationconsole.core.files.UnsafeFileException;
import org.migrationconsole.core.internal.journal.CorruptJournalException;
import org.migrationconsole.core.internal.journal.Journal;
import org.migrationconsole.core.internal.journal.JournalCodec;
import org.migrationconsole.core.internal.journal.JournalRecord;
import org.migrationconsole.core.internal.state.MigrationStore;

/**
 * Issue 9, "The journal: read-only commands never change it, and tampering is visible". Every
 * reproduction of the issue that lives in core, against the real Journal and MigrationStore.
 */
class JournalHostileTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock("2026-11-24T10:00:00Z");

    private Path journal() {
        return dir.resolve(Journal.FILE_NAME);
    }

    private MigrationStore store() {
        MigrationStore s = MigrationStore.open(dir, clock, "tester");
        s.setSteps(TestSteps.both());
        return s;
    }

    /** A workspace with a few real changes made through the store. */
    private void history() throws Exception {
        try (MigrationStore s = store()) {
            s.start("prep.backup", "starting");
            s.complete("prep.backup", "verified restore");
            s.addNote("prep.tool", "downloaded the tool");
            s.start("prep.tool", null);
        }
    }

    /** Opens as a writer that makes no change (what status, journal, profile show do). */
    private String openWithoutChange() {
        try (MigrationStore s = store()) {
            s.steps();
            s.journal();
            return s.workspace().fatalError();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<byte[]> lines(byte[] data) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                out.add(java.util.Arrays.copyOfRange(data, start, i + 1));
                start = i + 1;
            }
        }
        return out;
    }

    private static byte[] join(List<byte[]> lines) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        lines.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void everyFlippedByteOfTheLastCompleteRecordIsRefusedNeverCut() throws Exception {
        history();
        byte[] good = Files.readAllBytes(journal());
        List<byte[]> lines = lines(good);
        int lastStart = good.length - lines.get(lines.size() - 1).length;
        int refused = 0;
        for (int i = lastStart; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            Files.write(journal(), bad);
            String fatal = openWithoutChange();
            assertNotNull(fatal, "flip at byte " + i + " was accepted");
            assertTrue(fatal.contains(journal().toString()) && fatal.contains("record 4"), fatal);
            assertArrayEquals(bad, Files.readAllBytes(journal()), "flip at byte " + i + ": the file was changed");
            refused++;
        }
        assertEquals(lines.get(lines.size() - 1).length, refused);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith("journal.torn-")).count());
        }
    }

    @Test
    void aGenuinelyTornTailIsIgnoredByReadersAndCutOnlyByAWriterAtItsFirstChange() throws Exception {
        history();
        byte[] good = Files.readAllBytes(journal());
        byte[] next = JournalCodec.encode(JournalRecord.note("tester", "prep.tool", "half").stamped(5, clock.instant()));
        byte[] torn = java.util.Arrays.copyOf(good, good.length + next.length / 2);
        System.arraycopy(next, 0, torn, good.length, next.length / 2);
        Files.write(journal(), torn);
        assertNull(openWithoutChange());
        try (Journal j = Journal.readOnly(dir, clock, "inspection")) {
            assertEquals(4, j.records().size());
            assertTrue(j.warnings().get(0).contains("incomplete"), j.warnings().toString());
        }
        assertArrayEquals(torn, Files.readAllBytes(journal()), "no change without a change");
        try (MigrationStore s = store()) {
            assertTrue(s.workspace().warnings().get(0).contains("record 5"), s.workspace().warnings().toString());
            s.addNote("prep.tool", "after the crash");
            assertTrue(s.workspace().warnings().stream().anyMatch(w -> w.contains("cut off")));
        }
        try (Stream<Path> s = Files.list(dir)) {
            Path saved = s.filter(p -> p.getFileName().toString().startsWith("journal.torn-")).findFirst()
                    .orElseThrow();
            assertArrayEquals(java.util.Arrays.copyOf(next, next.length / 2), Files.readAllBytes(saved));
            assertEquals("rw-------", SafeFiles.permissions(saved));
        }
        try (MigrationStore s = store()) {
            assertEquals(5, s.journal().size());
            assertTrue(s.verifyJournal().intact(), s.verifyJournal().problems().toString());
        }
    }

    @Test
    void zerosGarbageAndEmptyLinesAreNotAJournalAndAreNeverReplaced() throws Exception {
        byte[][] cases = { new byte[4096], "garbage with no newline".getBytes(StandardCharsets.UTF_8),
                "hello\nworld\n".getBytes(StandardCharsets.UTF_8), "\n".getBytes(StandardCharsets.UTF_8),
                "{\"seq\":0,\"type\":\"header\"} #00000000\n".getBytes(StandardCharsets.UTF_8) };
        for (byte[] content : cases) {
            Files.write(journal(), content);
            String fatal = openWithoutChange();
            assertNotNull(fatal, new String(content, StandardCharsets.UTF_8));
            assertTrue(fatal.contains("not a Migration Console journal"), fatal);
            try (MigrationStore s = store()) {
                assertThrows(IllegalStateException.class, () -> s.start("prep.backup", null));
            }
            assertArrayEquals(content, Files.readAllBytes(journal()), "never replaced");
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("journal.")
                        && !p.equals(journal())).toList(), "nothing moved aside");
            }
        }
    }

    @Test
    void fifoJournalIsRefusedWithoutHangingAndADanglingLinkCreatesNothing() throws Exception {
        Hostile.fifo(journal());
        String fatal = assertTimeoutPreemptively(Duration.ofSeconds(10), this::openWithoutChange);
        assertTrue(fatal.contains("FIFO") && fatal.contains(journal().toString()), fatal);
        Files.delete(journal());

        Path target = dir.resolveSibling(dir.getFileName() + "-elsewhere.jsonl");
        Files.createSymbolicLink(journal(), target);
        fatal = openWithoutChange();
        assertTrue(fatal.contains("symbolic link"), fatal);
        try (MigrationStore s = store()) {
            assertThrows(IllegalStateException.class, () -> s.start("prep.backup", null));
        }
        assertFalse(Files.exists(target), "the link's target was not created");
        Files.delete(journal());

        Path lockTarget = dir.resolveSibling(dir.getFileName() + "-lock-target");
        Files.createSymbolicLink(dir.resolve(Journal.LOCK_NAME), lockTarget);
        UnsafeFileException e = assertThrows(UnsafeFileException.class, () -> Journal.open(dir, clock));
        assertEquals("symlink", e.rule());
        assertFalse(Files.exists(lockTarget));
    }

    /** Lines of the journal as strings, each re-encoded by the test like a forger would. */
    private void rewrite(java.util.function.UnaryOperator<List<JournalRecord>> change, boolean rechain)
            throws Exception {
        byte[] data = Files.readAllBytes(journal());
        List<byte[]> ls = lines(data);
        JournalRecord header = JournalCodec.decode(ls.get(0), 0, ls.get(0).length - 1);
        List<JournalRecord> rs = new ArrayList<>();
        for (int i = 1; i < ls.size(); i++) {
            rs.add(JournalCodec.decode(ls.get(i), 0, ls.get(i).length - 1));
        }
        rs = change.apply(rs);
        List<byte[]> out = new ArrayList<>();
        byte[] prev = JournalCodec.encode(header);
        out.add(prev);
        long seq = 1;
        for (JournalRecord r : rs) {
            JournalRecord x = new JournalRecord(seq++, r.at(), r.who(), r.type(), r.task(), r.from(), r.to(), r.note(),
                    r.key(), r.value(), rechain ? JournalCodec.lineHash(prev, 0, prev.length - 1) : r.prev());
            prev = JournalCodec.encode(x);
            out.add(prev);
        }
        Files.write(journal(), join(out));
    }

    @Test
    void removedReorderedAndInsertedRecordsBreakTheChainAtTheirNumber() throws Exception {
        history();
        byte[] good = Files.readAllBytes(journal());
        rewrite(rs -> {
            List<JournalRecord> x = new ArrayList<>(rs);
            x.remove(1);
            return x;
        }, false);
        String fatal = openWithoutChange();
        assertTrue(fatal.contains("record 2") && fatal.contains("hash chain"), fatal);
        Files.write(journal(), good);
        rewrite(rs -> {
            List<JournalRecord> x = new ArrayList<>(rs);
            x.add(0, x.remove(2));
            return x;
        }, false);
        fatal = openWithoutChange();
        assertTrue(fatal.contains("record 1") && fatal.contains("hash chain"), fatal);
        Files.write(journal(), good);
        // a forged record without the chain (its CRC is right)
        rewrite(rs -> {
            List<JournalRecord> x = new ArrayList<>(rs);
            x.add(new JournalRecord(0, Instant.parse("2026-11-24T11:00:00Z"), "mallory", JournalEntry.NOTE,
                    "prep.tool", null, null, "forged", null, null, null));
            return x;
        }, false);
        fatal = openWithoutChange();
        assertTrue(fatal.contains("record 5") && fatal.contains("'prev'"), fatal);
    }

    @Test
    void aForgedTransitionWithAValidChainIsReplayedAgainstTheRulesAndNotTrusted() throws Exception {
        history();
        try (MigrationStore s = store()) {
            s.reset("prep.backup", "the backup turned out to be unreadable");
        }
        // mallory completes prep.tool although its prerequisite prep.backup is not done, and
        // forges a perfect record (right CRC, right sequence, right chain)
        rewrite(rs -> {
            List<JournalRecord> x = new ArrayList<>(rs);
            x.add(new JournalRecord(0, Instant.parse("2026-11-24T12:00:00Z"), "mallory", JournalEntry.TRANSITION,
                    "prep.tool", "in-progress", "completed", "done, trust me", null, null, null));
            x.add(new JournalRecord(0, Instant.parse("2026-11-24T12:01:00Z"), "mallory", JournalEntry.TRANSITION,
                    "prep.extra", "completed", "not-started", "reset what was never done", null, null, null));
            return x;
        }, true);
        byte[] forged = Files.readAllBytes(journal());
        try (MigrationStore s = store()) {
            assertNull(s.workspace().fatalError());
            assertEquals(TaskState.IN_PROGRESS, s.task("prep.tool").orElseThrow().recordedState(),
                    "the forged completion is not applied");
            List<String> w = s.workspace().warnings();
            assertTrue(w.stream().anyMatch(x -> x.contains("record 6") && x.contains("mallory")
                    && x.contains("waits for prep.backup")), w.toString());
            assertTrue(w.stream().anyMatch(x -> x.contains("record 7") && x.contains("starts from completed")),
                    w.toString());
            JournalVerification v = s.verifyJournal();
            assertFalse(v.intact());
            assertEquals(64, v.chainHead().length());
        }
        assertArrayEquals(forged, Files.readAllBytes(journal()));
    }

    @Test
    void everyRecordTypeIsValidatedWithTheFieldNamed() throws Exception {
        history();
        byte[] good = Files.readAllBytes(journal());
        record Case(JournalRecord r, String expected) {
        }
        Instant t = Instant.parse("2026-11-24T12:00:00Z");
        List<Case> cases = List.of(
                new Case(new JournalRecord(0, t, "x", JournalEntry.TRANSITION, null, "not-started", "in-progress",
                        null, null, null, null), "without field 'task'"),
                new Case(new JournalRecord(0, Instant.parse("+999999999-12-31T23:59:59Z"), "x",
                        JournalEntry.TRANSITION, "prep.extra", "not-started", "in-progress", null, null, null, null),
                        "field 'at'"),
                new Case(new JournalRecord(0, null, "x", JournalEntry.NOTE, "prep.extra", null, null, "n", null, null,
                        null), "field 'at'"),
                new Case(new JournalRecord(0, t, "x", JournalEntry.PATH, null, "a", "z", "why", null, null, null),
                        "'z'"),
                new Case(new JournalRecord(0, t, "x", JournalEntry.TRANSITION, "prep.extra", "not-started", "done",
                        null, null, null, null), "field 'to'"),
                new Case(new JournalRecord(0, t, "x", JournalEntry.TRANSITION, "prep.extra", "not-started", "blocked",
                        null, null, null, null), "computed"),
                new Case(new JournalRecord(0, t, null, JournalEntry.NOTE, "prep.extra", null, null, "n", null, null,
                        null), "field 'who'"),
                new Case(new JournalRecord(0, t, "x", "teleport", "prep.extra", null, null, "n", null, null, null),
                        "unknown record type 'teleport'"),
                new Case(new JournalRecord(0, t, "x", JournalRecord.FILE, "answer-file", null, null, "cfg.ini",
                        "relative/cfg.ini", "00", null), "absolute path"),
                new Case(new JournalRecord(0, t, "x", JournalEntry.INPUT, "prep", null, null, null, null, "v", null),
                        "field 'key'"));
        for (Case c : cases) {
            Files.write(journal(), good);
            rewrite(rs -> {
                List<JournalRecord> x = new ArrayList<>(rs);
                x.add(c.r());
                return x;
            }, true);
            byte[] bad = Files.readAllBytes(journal());
            String fatal = openWithoutChange();
            assertNotNull(fatal, c.expected());
            assertTrue(fatal.contains("record 5") && fatal.contains(c.expected()), c.expected() + ": " + fatal);
            try (MigrationStore s = store()) {
                assertThrows(IllegalStateException.class, () -> s.start("prep.extra", null));
            }
            assertArrayEquals(bad, Files.readAllBytes(journal()));
        }
    }

    /**
     * Issue 10 on issue 9's journal: a backdated completion (key {@code at}) and a clock start read
     * from a server (record type {@code clock}) are written, chained, replayed and re-validated;
     * forged ones are refused with the field or the rule named, never applied.
     */
    @Test
    void backdatedCompletionsAndClockRecordsAreReplayedAndValidated() throws Exception {
        history(); // prep.backup completed, prep.tool in progress (records 1-4)
        Instant ran = Instant.parse("2026-11-24T10:00:00Z").minus(Duration.ofDays(3));
        clock.advance(Duration.ofHours(1)); // 11:00
        try (MigrationStore s = store()) {
            assertThrows(org.migrationconsole.api.state.InvalidInputException.class,
                    () -> s.complete("prep.tool", "in the future", Instant.parse("2026-11-25T00:00:00Z")));
            // prep.tool changed last at 10:00 today: it cannot have been done three days ago
            assertThrows(org.migrationconsole.api.state.InvalidInputException.class,
                    () -> s.complete("prep.tool", "too early", ran));
            s.complete("prep.tool", "tool ran at 10:30", Instant.parse("2026-11-24T10:30:00Z"));
            assertTrue(s.recordClockStart(org.migrationconsole.api.step.MigrationClock.DESTINATION_INSTALLED,
                    Instant.parse("2026-11-24T10:45:00Z"), "whenCreated of CN=NTDS Settings,CN=NEWDC").isPresent());
        }
        byte[] good = Files.readAllBytes(journal());
        try (MigrationStore s = store()) {
            assertNull(s.workspace().fatalError());
            assertTrue(s.workspace().warnings().isEmpty(), s.workspace().warnings().toString());
            assertTrue(s.verifyJournal().intact(), s.verifyJournal().problems().toString());
            assertEquals(Instant.parse("2026-11-24T10:30:00Z"), s.task("prep.tool").orElseThrow().changedAt());
            java.util.Map<org.migrationconsole.api.step.MigrationClock, Instant> started = new java.util.HashMap<>();
            s.clocks().forEach(c -> started.put(c.clock(), c.startedAt()));
            assertEquals(Instant.parse("2026-11-24T10:30:00Z"),
                    started.get(org.migrationconsole.api.step.MigrationClock.PREPARATION_TOOL));
            assertEquals(Instant.parse("2026-11-24T10:45:00Z"),
                    started.get(org.migrationconsole.api.step.MigrationClock.DESTINATION_INSTALLED));
            assertTrue(s.journal().stream().anyMatch(e -> "clock".equals(e.type()) && e.note().contains("NEWDC")));
        }
        record Case(JournalRecord r, String expected) {
        }
        Instant t = Instant.parse("2026-11-24T12:00:00Z");
        String clockType = MigrationStore.CLOCK;
        List<Case> structural = List.of(
                new Case(new JournalRecord(0, t, "x", clockType, null, null, null, "n", "sundial", "2026-11-24T09:00:00Z",
                        null), "'sundial', not a clock id"),
                new Case(new JournalRecord(0, t, "x", clockType, null, null, null, "n", null, "2026-11-24T09:00:00Z",
                        null), "clock record without field 'key'"),
                new Case(new JournalRecord(0, t, "x", clockType, null, null, null, "n", "coexistence", "yesterday",
                        null), "clock record's field 'value' is 'yesterday'"),
                new Case(new JournalRecord(0, t, "x", JournalEntry.TRANSITION, "prep.extra", "not-started",
                        "completed", "n", "when", "2026-11-24T09:00:00Z", null), "field 'key' 'when'"),
                new Case(new JournalRecord(0, t, "x", JournalEntry.TRANSITION, "prep.extra", "not-started",
                        "in-progress", "n", "at", "2026-11-24T09:00:00Z", null), "only completions are backdated"),
                new Case(new JournalRecord(0, t, "x", JournalEntry.TRANSITION, "prep.extra", "not-started",
                        "completed", "n", "at", "1999-01-01T00:00:00Z", null), "outside the years 2000 to 9999"));
        for (Case c : structural) {
            Files.write(journal(), good);
            rewrite(rs -> {
                List<JournalRecord> x = new ArrayList<>(rs);
                x.add(c.r());
                return x;
            }, true);
            String fatal = openWithoutChange();
            assertNotNull(fatal, c.expected());
            assertTrue(fatal.contains("record 7") && fatal.contains(c.expected()), c.expected() + ": " + fatal);
        }
        // well-formed records that break a rule: replayed against it, reported, not applied
        List<Case> ruled = List.of(
                new Case(new JournalRecord(0, t, "mallory", JournalEntry.TRANSITION, "prep.extra", "not-started",
                        "completed", "n", "at", "2026-11-30T09:00:00Z", null), "after the time it was recorded"),
                new Case(new JournalRecord(0, t, "mallory", JournalEntry.TRANSITION, "prep.extra", "not-started",
                        "completed", "n", "at", "2026-11-24T11:59:00Z", null), null),
                new Case(new JournalRecord(0, t, "mallory", clockType, null, null, null, "n", "reformat-hold",
                        "2027-01-01T00:00:00Z", null), "a clock cannot start in the future"));
        for (Case c : ruled) {
            Files.write(journal(), good);
            rewrite(rs -> {
                List<JournalRecord> x = new ArrayList<>(rs);
                x.add(c.r());
                return x;
            }, true);
            try (MigrationStore s = store()) {
                assertNull(s.workspace().fatalError());
                List<String> w = s.workspace().warnings();
                if (c.expected() == null) {
                    assertTrue(w.isEmpty(), w.toString());
                    assertEquals(Instant.parse("2026-11-24T11:59:00Z"), s.task("prep.extra").orElseThrow().changedAt());
                    continue;
                }
                assertTrue(w.stream().anyMatch(x -> x.contains("record 7") && x.contains("mallory")
                        && x.contains(c.expected())), c.expected() + ": " + w);
                assertEquals(TaskState.NOT_STARTED, s.task("prep.extra").orElseThrow().recordedState());
                s.clocks().forEach(cs -> assertFalse(
                        cs.clock() == org.migrationconsole.api.step.MigrationClock.SOURCE_REMOVED
                                && cs.startedAt() != null, "the forged clock start is not applied"));
            }
        }
    }

    @Test
    void formatOneJournalsGetAChainRecordAtTheirFirstChange() throws Exception {
        Instant t = Instant.parse("2026-11-20T09:00:00Z");
        List<byte[]> ls = new ArrayList<>();
        ls.add(JournalCodec.encode(new JournalRecord(0, t, "old", JournalRecord.HEADER, null, null, null,
                JournalRecord.FORMAT_1, null, null)));
        ls.add(JournalCodec.encode(JournalRecord.transition("old", "prep.backup", "not-started", "completed", "v1")
                .stamped(1, t)));
        Files.write(journal(), join(ls));
        byte[] before = Files.readAllBytes(journal());
        try (MigrationStore s = store()) {
            assertEquals(TaskState.COMPLETED, s.task("prep.backup").orElseThrow().recordedState());
            assertEquals(-1, s.verifyJournal().chainedFrom());
        }
        assertArrayEquals(before, Files.readAllBytes(journal()), "reading a format-1 journal changes nothing");
        try (MigrationStore s = store()) {
            s.start("prep.tool", null);
            List<JournalEntry> j = s.journal();
            assertEquals(JournalEntry.CHAIN, j.get(1).type());
            assertTrue(j.get(1).note().contains("1 records before it"), j.get(1).note());
            JournalVerification v = s.verifyJournal();
            assertTrue(v.intact(), v.problems().toString());
            assertEquals(2, v.chainedFrom());
            assertEquals(s.journalChainHead().orElseThrow(), v.chainHead());
        }
    }

    @Test
    void fileRecordsLetTheConsoleRecogniseOnlyItsOwnFiles() throws Exception {
        Path cfg = dir.resolve("out").resolve("cfg.ini");
        Files.createDirectories(cfg.getParent());
        SafeFiles.writeAtomically(cfg, "[Setup]\r\n".getBytes(StandardCharsets.UTF_16LE), SafeFiles.PRIVATE_FILE);
        String hash = SafeFiles.sha256(cfg);
        try (MigrationStore s = store()) {
            s.recordFileWritten("answer-file", cfg, hash, "answer file");
            assertTrue(s.writtenByConsole(cfg, hash));
            assertFalse(s.writtenByConsole(cfg, SafeFiles.sha256(new byte[0])));
        }
        try (MigrationStore s = store()) {
            assertTrue(s.writtenByConsole(cfg, hash), "kept across restarts");
            assertEquals(hash, SafeFiles.wipe(cfg, h -> s.writtenByConsole(cfg, h)));
            assertEquals(JournalRecord.FILE, s.journal().get(0).type());
        }
    }

    @Test
    void workspaceFilesArePrivate() throws Exception {
        Path ws = dir.resolve("new-workspace");
        try (MigrationStore s = MigrationStore.open(ws, clock, "tester")) {
            s.setSteps(TestSteps.both());
            s.start("prep.backup", null);
        }
        assertEquals("rwx------", SafeFiles.permissions(ws));
        assertEquals("rw-------", SafeFiles.permissions(ws.resolve(Journal.FILE_NAME)));
        assertEquals("rw-------", SafeFiles.permissions(ws.resolve(Journal.LOCK_NAME)));
    }

    @Test
    void concurrentRefusalsAlwaysNameTheOwner() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger refusals = new AtomicInteger();
        List<String> unknown = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread holder = new Thread(() -> {
            while (!stop.get()) {
                try (Journal j = Journal.open(dir, clock)) {
                    Thread.onSpinWait();
                } catch (IOException e) {
                    unknown.add("holder: " + e);
                }
            }
        });
        holder.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < end) {
            try (Journal j = Journal.open(dir, clock)) {
                if (j.isReadOnly()) {
                    refusals.incrementAndGet();
                    if (j.readOnlyReason().contains("owner unknown")) {
                        unknown.add(j.readOnlyReason());
                    }
                }
            }
        }
        stop.set(true);
        holder.join();
        System.out.println("lock race: " + refusals.get() + " read-only opens, " + unknown.size() + " without owner");
        assertTrue(refusals.get() > 0, "the race happened");
        assertEquals(List.of(), unknown);
    }

    @Test
    void aReadOnlyMediumStillLetsTheWorkspaceBeRead() throws Exception {
        history();
        byte[] before = Files.readAllBytes(journal());
        Path mnt = dir.resolveSibling(dir.getFileName() + "-ro");
        Files.createDirectories(mnt);
        boolean mounted = run("mount", "--bind", dir.toString(), mnt.toString())
                && run("mount", "-o", "remount,ro,bind", mnt.toString());
        try {
            assumeTrue(mounted, "needs root and mount to make a read-only medium");
            try (MigrationStore s = MigrationStore.open(mnt, clock, "tester")) {
                s.setSteps(TestSteps.both());
                assertNull(s.workspace().fatalError());
                assertTrue(s.workspace().readOnly());
                assertTrue(s.workspace().readOnlyReason().contains("cannot be written"),
                        s.workspace().readOnlyReason());
                assertEquals(4, s.journal().size());
                assertEquals(TaskState.COMPLETED, s.task("prep.backup").orElseThrow().recordedState());
            }
        } finally {
            if (mounted) {
                run("umount", mnt.toString());
            }
            Files.deleteIfExists(mnt);
        }
        assertArrayEquals(before, Files.readAllBytes(journal()));
    }

    private static boolean run(String... cmd) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void corruptRecordExceptionCarriesTheRecordNumber() throws Exception {
        history();
        List<String> ls = Files.readAllLines(journal(), StandardCharsets.UTF_8);
        ls.set(2, ls.get(2).replace("verified", "VERIFIED"));
        Files.write(journal(), (String.join("\n", ls) + "\n").getBytes(StandardCharsets.UTF_8));
        CorruptJournalException e = assertThrows(CorruptJournalException.class,
                () -> Journal.readOnly(dir, clock, "x"));
        assertEquals(2, e.recordNumber());
        assertEquals(3, e.line());
    }
}
