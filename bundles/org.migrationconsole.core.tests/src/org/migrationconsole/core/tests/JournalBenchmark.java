package org.migrationconsole.core.tests;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.migrationconsole.api.step.TaskDescriptor;
import org.migrationconsole.core.internal.journal.Journal;
import org.migrationconsole.core.internal.journal.JournalCodec;
import org.migrationconsole.core.internal.journal.JournalRecord;
import org.migrationconsole.core.internal.state.MigrationStore;

/**
 * Timed harness (not a test): journal replay of N transitions and durable-append latency.
 * Run by releng/bench/bench.sh; prints figures.
 */
public final class JournalBenchmark {

    private JournalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int transitions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int appends = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path base = Files.createTempDirectory("mc-bench");
        try {
            replay(base.resolve("replay"), transitions);
            append(base.resolve("append"), appends);
        } finally {
            try (var s = Files.walk(base)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void replay(Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        List<String> ids = TestSteps.PREP.tasks().stream().map(TaskDescriptor::id).toList();
        String[] states = { "not-started", "in-progress", "completed", "not-started" };
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        try (OutputStream out = Files.newOutputStream(dir.resolve(Journal.FILE_NAME))) {
            out.write(JournalCodec.encode(new JournalRecord(0, t0, "bench", JournalRecord.HEADER, null, null, null,
                    JournalRecord.FORMAT_1, null, null)));
            for (int i = 1; i <= n; i++) {
                String task = ids.get(i % ids.size());
                int k = (i / ids.size()) % 3;
                out.write(JournalCodec.encode(new JournalRecord(i, t0.plusSeconds(i), "bench", "transition", task,
                        states[k], states[k + 1], "benchmark transition " + i, null, null)));
            }
        }
        long bytes = Files.size(dir.resolve(Journal.FILE_NAME));
        long[] ms = new long[7];
        for (int r = 0; r < ms.length; r++) {
            long start = System.nanoTime();
            try (MigrationStore store = MigrationStore.open(dir, Clock.systemUTC(), "bench")) {
                store.setSteps(TestSteps.both());
                if (store.journal().size() != n || store.workspace().fatalError() != null) {
                    throw new IllegalStateException("replay read " + store.journal().size() + " records");
                }
                store.steps();
            }
            ms[r] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("journal replay: %d transitions (%.1f MB): median %d ms, best %d ms, worst %d ms (7 runs,"
                + " open + check + rebuild state)%n", n, bytes / 1e6, ms[3], ms[0], ms[6]);
    }

    private static void append(Path dir, int n) throws Exception {
        long[] us = new long[n];
        try (Journal j = Journal.open(dir, Clock.systemUTC())) {
            for (int i = 0; i < 200; i++) {
                j.append(JournalRecord.note("bench", "prep.backup", "warm-up " + i));
            }
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                j.append(JournalRecord.transition("bench", "prep.backup", "not-started", "in-progress",
                        "durable append " + i));
                us[i] = (System.nanoTime() - start) / 1_000;
            }
        }
        Arrays.sort(us);
        System.out.printf("durable append (write + fdatasync): %d appends: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", n,
                us[n / 2] / 1000.0, us[(int) (n * 0.99)] / 1000.0, us[n - 1] / 1000.0);
    }
}
