package org.migrationconsole.step.bpa.internal.store;

import java.time.Instant;
import java.util.List;

import org.migrationconsole.step.bpa.internal.rules.Finding;

/**
 * One run of the analyzer (or one imported result of Microsoft's own BPA), as kept in the
 * workspace.
 *
 * @param id sortable id, the start time, e.g. {@code 2026-12-01T04-36-14.118Z}
 * @param startedAt when it ran
 * @param origin {@code console} (this analyzer) or {@code import} (an imported Microsoft BPA result)
 * @param destination the server analysed
 * @param server what answered (the address read, or the imported file's name)
 * @param canceled true when it was cancelled before every rule finished
 * @param findings one per rule
 */
public record BpaRun(String id, Instant startedAt, String origin, String destination, String server,
        boolean canceled, List<Finding> findings) {

    public BpaRun {
        findings = List.copyOf(findings);
    }

    public static String idOf(Instant startedAt) {
        return startedAt.toString().replace(':', '-');
    }

    public long count(String status) {
        return findings.stream().filter(f -> f.status().equals(status)).count();
    }

    public List<Finding> open() {
        return findings.stream().filter(Finding::open).toList();
    }
}
