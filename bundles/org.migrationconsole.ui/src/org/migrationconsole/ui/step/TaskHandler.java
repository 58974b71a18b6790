package org.migrationconsole.ui.step;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.TaskStatus;

/**
 * Base of the task command handlers: enabled when a task is selected and the workspace is
 * writable; asks for a note when the command needs one, then runs the change in a Job. The
 * rules themselves live in the state service.
 */
public abstract class TaskHandler {

    @CanExecute
    public boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) Object selection,
            @Optional MigrationStateService state) {
        return state != null && selection instanceof TaskStatus t && !state.workspace().readOnly() && enabledFor(t);
    }

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SELECTION) TaskStatus task, MigrationStateService state,
            @Optional Shell shell, UISynchronize sync) {
        String note = askNote(shell, task);
        if (note == null) {
            return;
        }
        TaskJobs.schedule(verb() + " " + task.id(), () -> apply(state, task.id(), note), shell, sync, null);
    }

    /** A hint for enablement; the service has the last word. */
    protected boolean enabledFor(TaskStatus task) {
        return true;
    }

    /** The note to record: "" for none, null when the administrator cancelled. */
    protected String askNote(Shell shell, TaskStatus task) {
        return "";
    }

    /** Asks for text; {@code required} refuses an empty answer in the dialog itself. */
    protected static String ask(Shell shell, String title, String message, boolean required) {
        InputDialog d = new InputDialog(shell, title, message, "",
                required ? v -> v == null || v.isBlank() ? "Required: it is kept in the journal" : null : null);
        return d.open() == Window.OK ? d.getValue().strip() : null;
    }

    protected abstract String verb();

    protected abstract void apply(MigrationStateService state, String taskId, String note)
            throws MigrationRuleException;

}
