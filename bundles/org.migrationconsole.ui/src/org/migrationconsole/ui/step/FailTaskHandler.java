package org.migrationconsole.ui.step;

import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.TaskStatus;

/** Handler of the "fail" task command. */
public class FailTaskHandler extends TaskHandler {

    @Override
    protected boolean enabledFor(TaskStatus task) {
        return !task.state().isDone();
    }

    @Override
    protected String askNote(org.eclipse.swt.widgets.Shell shell, TaskStatus task) {
        return ask(shell, "Record failure", "What went wrong with \"" + task.descriptor().title() + "\"?", false);
    }

    @Override
    protected String verb() {
        return "Record failure of";
    }

    @Override
    protected void apply(MigrationStateService state, String taskId, String note) throws MigrationRuleException {
        state.fail(taskId, note);
    }
}
