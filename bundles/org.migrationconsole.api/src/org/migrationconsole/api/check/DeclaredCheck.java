package org.migrationconsole.api.check;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A check whose id, title, step, severity, gated task and timeout are fixed when it is made: the
 * usual shape of a check, which then only implements {@link #run}.
 *
 * <pre>{@code
 * @Component(service = MigrationCheck.class)
 * public class TracesCheck extends DeclaredCheck {
 *     public TracesCheck() {
 *         super("companyweb.traces", "Companyweb traces", "companyweb", Severity.INFO);
 *     }
 *     public CheckResult run(CheckContext c) throws Exception { ... }
 * }
 * }</pre>
 *
 * @since 1.1
 */
@ConsumerType
public abstract class DeclaredCheck implements MigrationCheck {

    private final String id;
    private final String title;
    private final String stepId;
    private final Severity severity;
    private final String taskId;
    private final boolean completesTask;
    private final Duration timeout;

    /** A check that gates no task, with the default timeout. */
    protected DeclaredCheck(String id, String title, String stepId, Severity severity) {
        this(id, title, stepId, severity, null, false, Duration.ofSeconds(15));
    }

    /** A check that gates {@code taskId} (may be null). */
    protected DeclaredCheck(String id, String title, String stepId, Severity severity, String taskId) {
        this(id, title, stepId, severity, taskId, false, Duration.ofSeconds(15));
    }

    protected DeclaredCheck(String id, String title, String stepId, Severity severity, String taskId,
            boolean completesTask, Duration timeout) {
        this.id = Objects.requireNonNull(id);
        this.title = Objects.requireNonNull(title);
        this.stepId = Objects.requireNonNull(stepId);
        this.severity = Objects.requireNonNull(severity);
        this.taskId = taskId;
        this.completesTask = completesTask;
        this.timeout = Objects.requireNonNull(timeout);
        if (taskId != null && !taskId.startsWith(stepId + ".") && completesTask) {
            throw new IllegalArgumentException("check " + id + " completes task " + taskId + " of another step");
        }
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
        return stepId;
    }

    @Override
    public final Severity severity() {
        return severity;
    }

    @Override
    public final Optional<String> taskId() {
        return Optional.ofNullable(taskId);
    }

    @Override
    public final boolean completesTask() {
        return completesTask;
    }

    @Override
    public final Duration timeout() {
        return timeout;
    }
}
