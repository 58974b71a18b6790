package org.migrationconsole.step.prepare.internal.checks;

import java.util.Optional;

import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;

/** The fixed facts of a step-1 check: id, title, severity and the task it gates. */
abstract class PrepareCheck implements MigrationCheck {

    private final String id;
    private final String title;
    private final Severity severity;
    private final String taskId;

    PrepareCheck(String id, String title, Severity severity, String taskId) {
        this.id = id;
        this.title = title;
        this.severity = severity;
        this.taskId = taskId;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String stepId() {
        return "prepare";
    }

    @Override
    public final Optional<String> taskId() {
        return Optional.ofNullable(taskId);
    }

    @Override
    public final Severity severity() {
        return severity;
    }
}
