package org.migrationconsole.ui.step;

import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.TaskStatus;

/** Handler of the "start" task command. */
public class StartTaskHandler extends TaskHandler {

    @Override
    protected boolean enabledFor(TaskStatus task) {
        return !task.state().isDone();
    }

    @Override
    protected String verb() {
        return "Start";
    }

    @Override
    protected void apply(MigrationStateService state, String taskId, String note) throws MigrationRuleException {
        state.start(taskId, note);
    }
}
