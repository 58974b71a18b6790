package org.migrationconsole.ui.internal.handlers;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.provisioning.Plugins;

/**
 * Help &gt; Check for updates: asks for the update site (the same preference as "Install new
 * steps…"), lists the installed step features it has in a higher version, shows them, replaces
 * each in one p2 operation (progress dialog, off the UI thread) and asks before restarting.
 */
public class CheckForUpdatesHandler {

    @Execute
    public void execute(Shell shell, IWorkbench workbench, MigrationStateService state) {
        String title = "Check for updates";
        Plugins plugins = InstallStepsHandler.plugins(shell, title);
        if (plugins == null) {
            return;
        }
        InstallStepsHandler.SiteDialog dialog = new InstallStepsHandler.SiteDialog(shell, title,
                InstallStepsHandler.sites());
        if (dialog.open() != Dialog.OK) {
            return;
        }
        String repository = InstallStepsHandler.repositoryUri(dialog.site);
        List<Plugins.Update> updates = new ArrayList<>();
        if (!InstallStepsHandler.run(shell, "Reading " + repository, m -> updates.addAll(plugins.updates(
                repository)))) {
            return;
        }
        if (updates.isEmpty()) {
            MessageDialog.openInformation(shell, title, "No updates: " + repository
                    + " has no higher version of an installed step.");
            return;
        }
        List<String> lines = updates.stream().map(u -> u.featureId() + "  " + u.installedVersion() + " -> "
                + u.newVersion()).toList();
        if (!MessageDialog.openConfirm(shell, title, "These updates will be installed from " + repository + ":\n\n  "
                + String.join("\n  ", lines) + "\n\nThe change takes effect after a restart.")) {
            return;
        }
        List<String> done = new ArrayList<>();
        boolean ok = InstallStepsHandler.run(shell, "Updating steps", m -> {
            m.beginTask("Updating steps", updates.size());
            for (Plugins.Update u : updates) {
                if (m.isCanceled()) {
                    break;
                }
                m.subTask(u.featureId());
                Plugins.Result r = plugins.update(repository, u);
                if (r.exitCode() != 0) {
                    throw new IllegalStateException("p2 could not update " + u.featureId() + ":\n"
                            + InstallStepsHandler.tail(r.output()));
                }
                done.add(u.featureId() + " " + u.newVersion());
                m.worked(1);
            }
        });
        if (!done.isEmpty()) {
            InstallStepsHandler.remember(dialog.site);
            try {
                state.recordEvent("plug-ins", "updated " + String.join(", ", done) + " from " + repository);
            } catch (Exception e) {
                // a read-only workspace still gets the update
            }
        }
        if (ok && !done.isEmpty() && MessageDialog.openQuestion(shell, "Restart to finish", "Updated "
                + String.join(", ", done) + ".\n\nRestart the console now to use the new versions?")) {
            workbench.restart();
        }
    }
}
