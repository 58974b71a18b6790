package org.migrationconsole.api.state;

import java.util.List;
import java.util.Map;

import org.migrationconsole.api.step.MigrationStep;

/**
 * A snapshot of one registered step with its tasks.
 *
 * @param step the step service
 * @param bundleId the symbolic name of the bundle that registered the step
 * @param tasks the task states in the step's order
 * @param inputs the step's recorded input values by input id
 * @param notes the step's free-form notes
 */
public record StepStatus(MigrationStep step, String bundleId, List<TaskStatus> tasks, Map<String, String> inputs,
        String notes) {

    public StepStatus {
        tasks = List.copyOf(tasks);
        inputs = Map.copyOf(inputs);
    }

    public String id() {
        return step.id();
    }

    /** Tasks completed or skipped. */
    public int done() {
        return (int) tasks.stream().filter(t -> t.state().isDone()).count();
    }

    public int total() {
        return tasks.size();
    }
}
