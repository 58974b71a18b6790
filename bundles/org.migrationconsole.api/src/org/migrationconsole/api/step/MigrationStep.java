package org.migrationconsole.api.step;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One step of the migration, contributed by a step plug-in as an OSGi service.
 *
 * <p>Steps are listed by {@link #order()}; the first standard step uses 100 and the others
 * follow in hundreds, so a partner step can slot in between (for example 250 runs after
 * "install" and before "join computers"). A step's tasks may name tasks of any other step as
 * prerequisites; the state service enforces them.
 */
@ConsumerType
public interface MigrationStep {

    /** Stable identifier, lower case, e.g. {@code prepare}. Task ids start with it and a dot. */
    String id();

    /** Position in the navigator; lower comes first. */
    int order();

    /** Short title shown in the navigator. */
    String title();

    /** One or two sentences on what the step achieves. */
    String description();

    /** The step's tasks in the order the administrator works through them. */
    List<TaskDescriptor> tasks();

    /** Values the administrator records for this step (shown in the step's editor). */
    default List<StepInput> inputs() {
        return List.of();
    }
}
