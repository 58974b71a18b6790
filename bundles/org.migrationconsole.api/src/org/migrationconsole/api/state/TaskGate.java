package org.migrationconsole.api.state;

import java.nio.file.Path;
import java.util.List;

import org.migrationconsole.api.step.TaskDescriptor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Has a say before a check-gated task is completed (the check service registers one: a task
 * completes only when its error-severity checks passed in the latest run).
 */
@ConsumerType
public interface TaskGate {

    /**
     * Why the task may not be completed now; empty when it may.
     *
     * @param workspace the workspace directory of the migration
     */
    List<String> reasonsNotToComplete(TaskDescriptor task, Path workspace);
}
