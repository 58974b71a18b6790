package org.migrationconsole.api.state;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of checking the journal file again: every record's checksum and rules, the
 * sequence, the hash chain, and the replay of every transition against the rules.
 *
 * @param journal the journal file
 * @param records the number of records after the header
 * @param chainedFrom the first record that carries the hash chain (records before it were written
 *            by a version without one), or -1 when no record does yet
 * @param chainHead SHA-256 (hex) of the journal's last line: keep it to prove later that no
 *            record was removed, changed or reordered up to here; null for an empty journal
 * @param problems what is wrong, each naming the record; empty when the journal is intact
 * @since 1.2
 */
public record JournalVerification(Path journal, long records, long chainedFrom, String chainHead,
        List<String> problems) {

    public JournalVerification {
        problems = List.copyOf(problems);
    }

    /** No problem found. */
    public boolean intact() {
        return problems.isEmpty();
    }
}
