package org.migrationconsole.ui.internal;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.e4.ui.workbench.lifecycle.ProcessAdditions;
import org.eclipse.jface.dialogs.MessageDialog;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.WorkspaceInfo;

/**
 * Start-up checks: the console refuses to start on a damaged journal (after saying which file
 * and record) and names the workspace in the window title.
 */
public class LifeCycle {

    /** Exit status when the workspace cannot be used. */
    static final int EXIT_BAD_WORKSPACE = 2;

    @PostContextCreate
    void checkWorkspace(IEclipseContext context) {
        MigrationStateService state = context.get(MigrationStateService.class);
        String problem = state == null ? "The migration-state service did not start; see the log." :
                state.workspace().fatalError();
        if (problem != null) {
            MessageDialog.openError(null, "Migration Console cannot start", problem);
            System.exit(EXIT_BAD_WORKSPACE);
        }
    }

    @ProcessAdditions
    void title(MApplication app, MigrationStateService state) {
        WorkspaceInfo ws = state.workspace();
        for (MWindow w : app.getChildren()) {
            w.setLabel("Migration Console \u2014 " + ws.directory() + (ws.readOnly() ? " [read-only]" : ""));
        }
    }
}
