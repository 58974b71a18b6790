package org.migrationconsole.ui.step;

import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.TaskStatus;

/** Handler of the "skip" task command. */
public class SkipTaskHandler extends TaskHandler {

    @Override
    protected boolean enabledFor(TaskStatus task) {
        return task.descriptor().optional() && !task.state().isDone();
    }

    @Override
    protected String verb() {
        return "Skip";
    }

    @Override
    protected void apply(MigrationStateService state, String taskId, String note) throws MigrationRuleException {
        state.skip(taskId, note);
    }
}
