package org.migrationconsole.core.tests;

import java.util.List;

import org.migrationconsole.api.step.MigrationClock;
import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.StepInput;
import org.migrationconsole.api.step.TaskDescriptor;
import org.migrationconsole.core.internal.state.MigrationStore;

/** Two small steps with the shapes the rules care about (prerequisites across steps, clocks). */
final class TestSteps {

    private TestSteps() {
    }

    static MigrationStep step(String id, int order, List<TaskDescriptor> tasks, List<StepInput> inputs) {
        return new MigrationStep() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public String title() {
                return "Step " + id;
            }

            @Override
            public String description() {
                return "test step";
            }

            @Override
            public List<TaskDescriptor> tasks() {
                return tasks;
            }

            @Override
            public List<StepInput> inputs() {
                return inputs;
            }
        };
    }

    static final MigrationStep PREP = step("prep", 100, List.of(
            TaskDescriptor.builder("prep.backup").title("Backup").build(),
            TaskDescriptor.builder("prep.tool").title("Run the tool").after("prep.backup")
                    .startsClock(MigrationClock.PREPARATION_TOOL).build(),
            TaskDescriptor.builder("prep.extra").title("Optional extra").optional().build()),
            List.of(StepInput.matching("router", "Router LAN address", "help", "192\\.168\\.[0-9]+\\.(1|254)",
                    "must be 192.168.x.1 or 192.168.x.254"), StepInput.text("free", "Free text", "help")));

    static final MigrationStep INSTALL = step("inst", 200, List.of(
            TaskDescriptor.builder("inst.setup").title("Install").after("prep.tool", "other.missing")
                    .gatedBy(MigrationClock.PREPARATION_TOOL).stopsClock(MigrationClock.PREPARATION_TOOL)
                    .startsClock(MigrationClock.DESTINATION_INSTALLED).build(),
            TaskDescriptor.builder("inst.remove").title("Remove source").after("inst.setup")
                    .stopsClock(MigrationClock.DESTINATION_INSTALLED).startsClock(MigrationClock.SOURCE_REMOVED)
                    .build()),
            List.of());

    static List<MigrationStore.RegisteredStep> both() {
        return List.of(new MigrationStore.RegisteredStep(INSTALL, "test.install"),
                new MigrationStore.RegisteredStep(PREP, "test.prep"));
    }
}
