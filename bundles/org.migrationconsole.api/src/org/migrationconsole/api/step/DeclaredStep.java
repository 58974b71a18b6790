package org.migrationconsole.api.step;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A step whose id, order, title, description, tasks and inputs are fixed when it is made: the
 * usual shape of a step plug-in, which then only needs a constructor.
 *
 * <pre>{@code
 * @Component(service = MigrationStep.class)
 * public class InventoryStep extends DeclaredStep {
 *     public InventoryStep() {
 *         super("inventory", 250, "Inventory the intranet", "...", TASKS, List.of());
 *     }
 * }
 * }</pre>
 */
@ConsumerType
public abstract class DeclaredStep implements MigrationStep {

    private final String id;
    private final int order;
    private final String title;
    private final String description;
    private final List<TaskDescriptor> tasks;
    private final List<StepInput> inputs;

    protected DeclaredStep(String id, int order, String title, String description, List<TaskDescriptor> tasks,
            List<StepInput> inputs) {
        this.id = id;
        this.order = order;
        this.title = title;
        this.description = description;
        this.tasks = List.copyOf(tasks);
        this.inputs = List.copyOf(inputs);
        for (TaskDescriptor t : this.tasks) {
            if (!t.stepId().equals(id)) {
                throw new IllegalArgumentException("task " + t.id() + " does not belong to step " + id);
            }
        }
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final int order() {
        return order;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<TaskDescriptor> tasks() {
        return tasks;
    }

    @Override
    public final List<StepInput> inputs() {
        return inputs;
    }
}
