package org.migrationconsole.ui.internal.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.api.state.MigrationStateService;
import org.osgi.framework.FrameworkUtil;

/** Shows the version and the workspace. */
public class AboutHandler {

    @Execute
    public void execute(Shell shell, MigrationStateService state) {
        MessageDialog.openInformation(shell, "About Migration Console", "Migration Console "
                + FrameworkUtil.getBundle(getClass()).getVersion() + "\n\nFrom Windows Small Business Server 2003 to"
                + " Windows Server Essentials, step by step.\n\nWorkspace: " + state.workspace().directory()
                + "\nJournal: " + state.workspace().journal());
    }
}
