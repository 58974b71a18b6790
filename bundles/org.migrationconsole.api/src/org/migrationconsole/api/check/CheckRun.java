package org.migrationconsole.api.check;

import java.time.Instant;
import java.util.List;

/**
 * The results of one run of the checks.
 *
 * @param startedAt when the run started
 * @param profileName the profile it ran against
 * @param outcomes one per check, in id order
 * @param canceled true when the run was cancelled before every check finished
 */
public record CheckRun(Instant startedAt, String profileName, List<CheckOutcome> outcomes, boolean canceled) {

    public CheckRun {
        outcomes = List.copyOf(outcomes);
    }

    /** Outcomes of error-severity checks that did not pass. */
    public List<CheckOutcome> errors() {
        // error severity only (the command line's exit 1 and "blocking" count); CheckOutcome.blocks()
        // is the task gate's wider rule (a failed warning that gates a task blocks that task)
        return outcomes.stream().filter(o -> o.severity() == Severity.ERROR
                && (o.result().status() == CheckStatus.FAIL || o.result().status() == CheckStatus.ERROR)).toList();
    }
}
