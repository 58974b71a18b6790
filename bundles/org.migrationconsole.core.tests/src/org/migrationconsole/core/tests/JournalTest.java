package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationconsole.core.internal.journal.CorruptJournalException;
import org.migrationconsole.core.internal.journal.Journal;
import org.migrationconsole.core.internal.journal.JournalCodec;
import org.migrationconsole.core.internal.journal.JournalRecord;

class JournalTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static JournalRecord record(int i) {
        return JournalRecord.transition("tester", "prepare.backup", "not-started", "in-progress",
                "note " + i + " with \"quotes\", a tab\t, a newline\n, unicode \u00e9\u4e2d and \\ backslash");
    }

    @Test
    void appendedRecordsSurviveReopenWithSequenceTimeAndText() throws IOException {
        try (Journal j = Journal.open(dir, CLOCK)) {
            for (int i = 1; i <= 5; i++) {
                JournalRecord r = j.append(record(i));
                assertEquals(i, r.seq());
                assertEquals(CLOCK.instant(), r.at());
            }
        }
        try (Journal j = Journal.open(dir, CLOCK)) {
            List<JournalRecord> rs = j.records();
            assertEquals(5, rs.size());
            assertEquals(record(3).note(), rs.get(2).note());
            assertEquals("tester", rs.get(2).who());
            assertTrue(j.warnings().isEmpty(), j.warnings().toString());
            assertEquals(6, j.append(record(6)).seq());
        }
    }

    @Test
    void codecRoundTripsAndRejectsAnyFlippedByte() {
        byte[] line = JournalCodec.encode(record(1).stamped(7, CLOCK.instant()));
        JournalRecord back = JournalCodec.decode(line, 0, line.length - 1);
        assertEquals(record(1).note(), back.note());
        assertEquals(7, back.seq());
        for (int i = 0; i < line.length - 1; i++) {
            byte[] copy = line.clone();
            copy[i] ^= 0x01;
            int at = i;
            assertThrows(IllegalArgumentException.class, () -> JournalCodec.decode(copy, 0, copy.length - 1),
                    "flipped byte " + at + " was accepted");
        }
    }

    @Test
    void tornLastRecordIsIgnoredWithAWarningAndCutOffKeptAsideAtTheFirstAppend() throws IOException {
        writeRecords(3);
        Path file = dir.resolve(Journal.FILE_NAME);
        byte[] next = JournalCodec.encode(record(4).stamped(4, CLOCK.instant()));
        Files.write(file, java.util.Arrays.copyOf(next, next.length / 2), StandardOpenOption.APPEND);
        long tornSize = Files.size(file);
        try (Journal j = Journal.open(dir, CLOCK)) {
            assertEquals(3, j.records().size());
            assertEquals(1, j.warnings().size());
            assertTrue(j.warnings().get(0).contains("record 4"), j.warnings().get(0));
            assertEquals(tornSize, Files.size(file), "opening changes nothing");
            assertEquals(4, j.append(record(4)).seq());
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(1, s.filter(p -> p.getFileName().toString().startsWith("journal.torn-")).count());
            }
        }
        try (Journal j = Journal.open(dir, CLOCK)) {
            assertEquals(4, j.records().size());
            assertTrue(j.warnings().isEmpty());
        }
    }

    @Test
    void aTailOfZerosIsTornButABadChecksumOnACompleteLastLineIsCorruption() throws IOException {
        writeRecords(2);
        Path file = dir.resolve(Journal.FILE_NAME);
        byte[] good = Files.readAllBytes(file);
        Files.write(file, new byte[4096], StandardOpenOption.APPEND);
        try (Journal j = Journal.open(dir, CLOCK)) {
            assertEquals(2, j.records().size());
            assertEquals(1, j.warnings().size());
            j.append(record(3));
        }
        Files.write(file, good);
        byte[] line = JournalCodec.encode(record(3).stamped(3, CLOCK.instant()));
        line[5] = 'X';
        Files.write(file, line, StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(file);
        CorruptJournalException e = assertThrows(CorruptJournalException.class, () -> Journal.open(dir, CLOCK));
        assertEquals(3, e.recordNumber());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "a complete record is never cut");
    }

    @Test
    void damagedRecordInTheMiddleStopsWithFileAndRecordNumberAndLeavesTheFileAlone() throws IOException {
        writeRecords(6);
        Path file = dir.resolve(Journal.FILE_NAME);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        lines.set(3, lines.get(3).replace("note 3", "note X"));
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] before = Files.readAllBytes(file);
        CorruptJournalException e = assertThrows(CorruptJournalException.class, () -> Journal.open(dir, CLOCK));
        assertEquals(3, e.recordNumber());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("record 3 (line 4)"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the journal must not be rewritten");
    }

    @Test
    void aFileThatIsNotAJournalIsRefused() throws IOException {
        Files.writeString(dir.resolve(Journal.FILE_NAME), "hello\nworld\n");
        assertThrows(CorruptJournalException.class, () -> Journal.open(dir, CLOCK));
    }

    @Test
    void secondOpenIsReadOnlyAndSaysWhoHoldsTheWorkspace() throws IOException {
        try (Journal first = Journal.open(dir, CLOCK)) {
            first.append(record(1));
            try (Journal second = Journal.open(dir, CLOCK)) {
                assertTrue(second.isReadOnly());
                assertTrue(second.readOnlyReason().contains("in use by another Migration Console"),
                        second.readOnlyReason());
                assertTrue(second.readOnlyReason().contains("process " + ProcessHandle.current().pid()),
                        second.readOnlyReason());
                assertEquals(1, second.records().size());
                assertThrows(IllegalStateException.class, () -> second.append(record(2)));
            }
            assertFalse(first.isReadOnly());
            first.append(record(2));
        }
        try (Journal again = Journal.open(dir, CLOCK)) {
            assertFalse(again.isReadOnly(), "the lock is released on close");
            assertEquals(2, again.records().size());
        }
    }

    private void writeRecords(int n) throws IOException {
        try (Journal j = Journal.open(dir, CLOCK)) {
            for (int i = 1; i <= n; i++) {
                j.append(record(i));
            }
        }
    }
}
