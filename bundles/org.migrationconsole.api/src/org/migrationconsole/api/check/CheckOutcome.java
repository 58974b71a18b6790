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

    /** An error-severity check that did not pass (fail or error): blocks its task. */
    public boolean blocks() {
        return severity == Severity.ERROR
                && (result.status() == CheckStatus.FAIL || result.status() == CheckStatus.ERROR);
    }
}
