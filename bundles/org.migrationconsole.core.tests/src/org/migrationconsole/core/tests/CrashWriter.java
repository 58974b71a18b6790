package org.migrationconsole.core.tests;

import java.nio.file.Path;
import java.time.Clock;

import org.migrationconsole.core.internal.journal.Journal;
import org.migrationconsole.core.internal.journal.JournalRecord;

/**
 * Child process of {@link CrashTest}: appends records as fast as it can and prints
 * "ACK seq note" after each append has returned (is durable), until it is killed.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    /** The note written with a sequence number; long and varied so kills land mid-record. */
    static String note(long seq) {
        return "record " + seq + " " + "x".repeat((int) (seq * 37 % 900));
    }

    public static void main(String[] args) throws Exception {
        try (Journal j = Journal.open(Path.of(args[0]), Clock.systemUTC())) {
            if (j.isReadOnly()) {
                System.out.println("LOCKED " + j.readOnlyReason());
                return;
            }
            long seq = j.records().size() + 1;
            while (true) {
                JournalRecord r = j.append(JournalRecord.transition("crash", "prepare.backup", "not-started",
                        "in-progress", note(seq)));
                if (r.seq() != seq) {
                    throw new IllegalStateException("expected seq " + seq + " got " + r.seq());
                }
                System.out.println("ACK " + seq);
                System.out.flush();
                seq++;
            }
        }
    }
}
