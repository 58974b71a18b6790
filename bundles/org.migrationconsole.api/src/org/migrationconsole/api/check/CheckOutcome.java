package org.migrationconsole.api.check;

import java.time.Instant;

/**
 * One check's result within a run.
 *
 * @param checkId the check's id
 * @param title the check's title
 * @param stepId the step it belongs to
 * @param taskId the task it gates, or null
 * @param severity its severity
 * @param result what it found
 * @param finishedAt when it finished
 * @param millis how long it took
 */
public record CheckOutcome(String checkId, String title, String stepId, String taskId, Severity severity,
        CheckResult result, Instant finishedAt, long millis) {

    /**
     * A check that did not pass (fail or error) and is of error severity or gates a task: a check
     * that gates a task blocks it whatever its severity (the task gate's rule).
     */
    public boolean blocks() {
        return (severity == Severity.ERROR || taskId != null)
                && (result.status() == CheckStatus.FAIL || result.status() == CheckStatus.ERROR);
    }
}
