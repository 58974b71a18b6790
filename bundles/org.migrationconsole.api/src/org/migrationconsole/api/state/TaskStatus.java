package org.migrationconsole.api.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.migrationconsole.api.step.TaskDescriptor;

/**
 * A snapshot of one task: its descriptor, the state recorded in the journal and the effective
 * state after the ordering rules and clocks are applied.
 *
 * @param descriptor what the task is
 * @param state the effective state ({@link TaskState#BLOCKED} when {@code blockedReasons} is
 *            not empty and the task is not done)
 * @param recordedState the state last recorded in the journal
 * @param blockedReasons why the task cannot be started or completed now, naming the tasks or
 *            clocks; empty when nothing blocks it
 * @param changedAt when the recorded state last changed, or null
 * @param changedBy the OS user who changed it, or null
 * @param lastNote the note of the last change, or null
 */
public record TaskStatus(TaskDescriptor descriptor, TaskState state, TaskState recordedState,
        List<String> blockedReasons, Instant changedAt, String changedBy, String lastNote) {

    public TaskStatus {
        blockedReasons = List.copyOf(blockedReasons);
    }

    public String id() {
        return descriptor.id();
    }

    public Optional<Instant> changed() {
        return Optional.ofNullable(changedAt);
    }
}
