package org.migrationconsole.step.bpa.internal.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.migrationconsole.step.bpa.internal.rules.Finding;

/**
 * What changed between two runs: findings that are new in the later one, resolved since the
 * earlier one, and still open in both (by rule id; an open finding is a failed rule or one that
 * could not decide).
 */
public record BpaDiff(BpaRun from, BpaRun to, List<Finding> added, List<Finding> resolved, List<Finding> stillOpen) {

    public static BpaDiff of(BpaRun from, BpaRun to) {
        Map<String, Finding> before = open(from);
        Map<String, Finding> after = open(to);
        List<Finding> added = new ArrayList<>();
        List<Finding> resolved = new ArrayList<>();
        List<Finding> still = new ArrayList<>();
        after.forEach((id, f) -> (before.containsKey(id) ? still : added).add(f));
        before.forEach((id, f) -> {
            if (!after.containsKey(id)) {
                resolved.add(f);
            }
        });
        return new BpaDiff(from, to, added, resolved, still);
    }

    private static Map<String, Finding> open(BpaRun r) {
        Map<String, Finding> m = new LinkedHashMap<>();
        r.findings().stream().filter(Finding::open).forEach(f -> m.put(f.ruleId(), f));
        return m;
    }

    /** For a resolved finding: what the later run says about that rule (passed, skipped, or not run). */
    public String nowOf(Finding f) {
        return to.findings().stream().filter(x -> x.ruleId().equals(f.ruleId())).findFirst()
                .map(x -> x.status() + ": " + x.message()).orElse("not in this run");
    }
}
