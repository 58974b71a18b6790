package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationconsole.api.state.JournalEntry;
import org.migrationconsole.core.internal.journal.Journal;
import org.migrationconsole.core.internal.journal.JournalRecord;

/**
 * Kills a writing process with SIGKILL at random moments, again and again, and checks that no
 * acknowledged record is lost and that the journal always reopens.
 */
class CrashTest {

    private static final int ROUNDS = 25;

    @TempDir
    Path dir;

    @Test
    void noAcknowledgedTransitionIsLostWhenTheWriterIsKilled() throws Exception {
        Random random = new Random(Long.getLong("crash.seed", System.nanoTime()));
        long acknowledged = 0;
        int tornSeen = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            Process p = new ProcessBuilder(javaExecutable(), "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                    classPath(), CrashWriter.class.getName(), dir.toString()).redirectErrorStream(true).start();
            AtomicLong lastAck = new AtomicLong(acknowledged);
            List<String> other = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("ACK ")) {
                            lastAck.set(Long.parseLong(line.substring(4)));
                        } else {
                            other.add(line);
                        }
                    }
                } catch (Exception e) {
                    other.add(e.toString());
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (lastAck.get() == acknowledged && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertTrue(p.isAlive(), "writer died on its own: " + other);
            Thread.sleep(random.nextInt(120));
            p.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroy it keeps stdout readable
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            reader.join(10_000);
            assertEquals(137, p.exitValue(), "killed by SIGKILL");
            assertTrue(other.isEmpty(), "unexpected output: " + other);
            long acked = lastAck.get();
            assertTrue(acked > acknowledged, "round " + round + " acknowledged nothing");

            try (Journal j = Journal.open(dir, Clock.systemUTC())) {
                assertFalse(j.isReadOnly(), "the lock died with the process");
                List<JournalRecord> records = j.records();
                assertTrue(records.size() >= acked, "round " + round + ": " + records.size()
                        + " records on disk but " + acked + " acknowledged");
                for (int i = 0; i < acked; i++) {
                    JournalRecord r = records.get(i);
                    assertEquals(i + 1, r.seq());
                    assertEquals(JournalEntry.TRANSITION, r.type());
                    assertEquals(CrashWriter.note(i + 1), r.note(), "record " + (i + 1));
                }
                tornSeen += j.warnings().size();
                acknowledged = records.size();
            }
        }
        System.out.printf("crash test: %d rounds, %d records acknowledged and found, %d torn tails repaired%n",
                ROUNDS, acknowledged, tornSeen);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The class path of the core bundle, the API bundle and this test bundle: the code source of
     * one class of each (Equinox gives each class-path entry of a bundle its own code source).
     */
    private static String classPath() throws Exception {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(Journal.class, CrashWriter.class, JournalEntry.class)) {
            URI uri = c.getProtectionDomain().getCodeSource().getLocation().toURI();
            entries.add(Path.of(uri).toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
