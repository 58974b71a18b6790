package org.migrationconsole.ui.step;

import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.api.state.TaskStatus;

/** Handler of the "reset" task command: asks for the reason, which the journal keeps. */
public class ResetTaskHandler extends TaskHandler {

    @Override
    protected boolean enabledFor(TaskStatus task) {
        return task.recordedState() != TaskState.NOT_STARTED;
    }

    @Override
    protected String askNote(Shell shell, TaskStatus task) {
        return ask(shell, "Reset task", "Why should \"" + task.descriptor().title() + "\" go back to not started?",
                true);
    }

    @Override
    protected String verb() {
        return "Reset";
    }

    @Override
    protected void apply(MigrationStateService state, String taskId, String note) throws MigrationRuleException {
        state.reset(taskId, note);
    }
}
