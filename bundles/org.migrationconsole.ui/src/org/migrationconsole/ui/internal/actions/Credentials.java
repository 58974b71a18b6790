package org.migrationconsole.ui.internal.actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.ui.step.PasswordPrompt;
import org.migrationconsole.ui.step.RunChecksHandler;

/**
 * The workspace's connection profile and the administrator's password (from secure storage, or
 * asked for), as the engine's Jobs need them. The caller wipes the password with {@link #wipe()}
 * once the Jobs have their copies.
 */
public record Credentials(ConnectionProfile profile, char[] password) {

    /** Reads the profile and finds the password; empty (after telling why) when there is none. */
    public static Optional<Credentials> ask(Shell shell, MigrationStateService state) {
        Path file = state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
        if (!Files.exists(file)) {
            MessageDialog.openInformation(shell, "No connection profile", "Say where the source server is first:"
                    + " fill in the connection profile (File > Connection profile) and save it.");
            return Optional.empty();
        }
        ConnectionProfile profile;
        try {
            profile = ProfileFile.read(file);
        } catch (ConnectionException e) {
            MessageDialog.openError(shell, "The connection profile needs attention", e.getMessage());
            return Optional.empty();
        }
        Optional<char[]> password = RunChecksHandler.storedPassword(profile);
        if (password.isEmpty()) {
            password = PasswordPrompt.ask(shell, profile);
        }
        return password.map(p -> new Credentials(profile, p));
    }

    public void wipe() {
        java.util.Arrays.fill(password, '\0');
    }
}
