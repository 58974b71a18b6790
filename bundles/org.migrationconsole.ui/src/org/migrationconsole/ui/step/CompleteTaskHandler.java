package org.migrationconsole.ui.step;

import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.TaskStatus;

/** Handler of the "complete" task command. */
public class CompleteTaskHandler extends TaskHandler {

    @Override
    protected boolean enabledFor(TaskStatus task) {
        return !task.state().isDone();
    }

    @Override
    protected String verb() {
        return "Complete";
    }

    @Override
    protected void apply(MigrationStateService state, String taskId, String note) throws MigrationRuleException {
        state.complete(taskId, note);
    }
}
