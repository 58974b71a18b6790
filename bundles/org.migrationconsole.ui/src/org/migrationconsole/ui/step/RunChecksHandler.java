package org.migrationconsole.ui.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.SecretStore;

/**
 * "Run checks": reads the workspace's connection profile and the password from secure storage
 * (asking for it when it is not stored), then runs the checks as a Job that the Findings view
 * shows with progress and a Cancel button.
 */
public class RunChecksHandler {

    /** Id of the findings part in the shell. */
    public static final String FINDINGS_PART = "org.migrationconsole.ui.part.findings";
    /** Id of the profile editor's part descriptor. */
    public static final String PROFILE_PART = "org.migrationconsole.ui.part.profile";

    @CanExecute
    public boolean canExecute(@org.eclipse.e4.core.di.annotations.Optional CheckService checks,
            MApplication app) {
        return checks != null && !(app.getContext().get(CheckRunJob.class) instanceof CheckRunJob j && !j.finished());
    }

    @Execute
    public void execute(CheckService checks, MigrationStateService state, Shell shell, MApplication app,
            EPartService parts) {
        Path file = state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
        if (!Files.exists(file)) {
            MessageDialog.openInformation(shell, "No connection profile",
                    "Say where the source server is first: fill in the connection profile and save it.");
            parts.showPart(PROFILE_PART, PartState.ACTIVATE);
            return;
        }
        ConnectionProfile profile;
        try {
            profile = ProfileFile.read(file);
        } catch (ConnectionException e) {
            MessageDialog.openError(shell, "The connection profile needs attention", e.getMessage());
            parts.showPart(PROFILE_PART, PartState.ACTIVATE);
            return;
        }
        Optional<char[]> password = storedPassword(profile);
        if (password.isEmpty()) {
            password = PasswordPrompt.ask(shell, profile);
            if (password.isEmpty()) {
                return;
            }
        }
        CheckRunJob job = new CheckRunJob(checks, profile, password.get(), null);
        java.util.Arrays.fill(password.get(), '\0');
        app.getContext().set(CheckRunJob.class, job);
        parts.showPart(FINDINGS_PART, PartState.VISIBLE);
        job.schedule();
    }

    public static Optional<char[]> storedPassword(ConnectionProfile profile) {
        try {
            return SecretStore.open(SecretStore.defaultFolder())
                    .get(SecretStore.accountKey(profile.adminAccount(), profile.sourceHost()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
