package org.migrationconsole.ui.step;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.api.state.InvalidInputException;
import org.migrationconsole.api.state.MigrationRuleException;

/**
 * Runs a state change off the UI thread. A refusal by a rule or bad input is shown to the
 * administrator in a dialog; nothing else is reported because the parts follow the journal
 * events.
 */
public final class TaskJobs {

    /** A change to the migration state. */
    @FunctionalInterface
    public interface StateChange {
        void run() throws MigrationRuleException;
    }

    /** Callback on the UI thread after the change succeeded. */
    @FunctionalInterface
    public interface Done {
        void run();
    }

    private TaskJobs() {
    }

    public static Job schedule(String name, StateChange change, Shell shell, UISynchronize sync, Done done) {
        Job job = Job.create(name, monitor -> {
            SubMonitor sm = SubMonitor.convert(monitor, name, 1);
            try {
                change.run();
                sm.worked(1);
                if (done != null) {
                    sync.asyncExec(done::run);
                }
                return Status.OK_STATUS;
            } catch (MigrationRuleException e) {
                tell(shell, sync, "Refused", e.getMessage());
            } catch (InvalidInputException e) {
                tell(shell, sync, "Check the input", e.getMessage());
            } catch (RuntimeException e) {
                tell(shell, sync, "Could not record the change", e.getMessage());
                return new Status(IStatus.ERROR, "org.migrationconsole.ui", name + " failed", e);
            }
            return Status.OK_STATUS;
        });
        job.setUser(false);
        job.schedule();
        return job;
    }

    private static void tell(Shell shell, UISynchronize sync, String title, String message) {
        sync.asyncExec(() -> {
            if (shell == null || !shell.isDisposed()) {
                MessageDialog.openWarning(shell, title, message);
            }
        });
    }
}
