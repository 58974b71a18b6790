package org.migrationconsole.api.check;

import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A pre-flight check, registered as an OSGi service by a step plug-in. It must only read:
 * checks never change a server.
 */
@ConsumerType
public interface MigrationCheck {

    /** Stable id, lower-case words and dots, e.g. {@code source.dns.single-address}. */
    String id();

    /** One line saying what is checked. */
    String title();

    /** The step it belongs to, e.g. {@code prepare}. */
    String stepId();

    /** The task whose completion it gates, if any (with severity error). */
    default Optional<String> taskId() {
        return Optional.empty();
    }

    Severity severity();

    /**
     * True when a pass proves the gated task done, so that the run completes the task itself
     * (e.g. all five roles seen on the destination complete the FSMO transfer). False by default:
     * most checks only show that a task <em>may</em> be completed.
     *
     * @since 1.1
     */
    default boolean completesTask() {
        return false;
    }

    /** How long the check may take before it is reported as an error. */
    default Duration timeout() {
        return Duration.ofSeconds(15);
    }

    /**
     * Runs the check.
     *
     * @throws Exception any failure to read; reported as {@link CheckStatus#ERROR} with the
     *             exception's message
     */
    CheckResult run(CheckContext context) throws Exception;
}
