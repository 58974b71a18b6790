package org.migrationconsole.ui.step;

import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.TaskStatus;

/** Handler of the "add note" task command. */
public class AddNoteHandler extends TaskHandler {

    @Override
    protected String askNote(Shell shell, TaskStatus task) {
        return ask(shell, "Add note", "Note for \"" + task.descriptor().title() + "\":", true);
    }

    @Override
    protected String verb() {
        return "Add note to";
    }

    @Override
    protected void apply(MigrationStateService state, String taskId, String note) throws MigrationRuleException {
        state.addNote(taskId, note);
    }
}
