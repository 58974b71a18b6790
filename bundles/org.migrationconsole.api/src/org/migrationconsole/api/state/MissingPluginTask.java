package org.migrationconsole.api.state;

import java.time.Instant;

/**
 * A task the workspace's journal recorded but that no installed step provides (its plug-in was
 * uninstalled or never installed here). Its records are kept; it is only listed.
 *
 * @param taskId the task's id as recorded
 * @param lastState the last state recorded for it
 * @param changedAt when that state was recorded
 * @param changedBy who recorded it
 * @param lastNote the note of that record, or null
 * @since 1.1
 */
public record MissingPluginTask(String taskId, TaskState lastState, Instant changedAt, String changedBy,
        String lastNote) {
}
