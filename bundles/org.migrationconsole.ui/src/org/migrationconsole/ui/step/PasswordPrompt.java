package org.migrationconsole.ui.step;

import java.io.IOException;
import java.util.Optional;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.connect.SecretStore;

/** Asks for the administrator's password, optionally keeping it in secure storage. */
public final class PasswordPrompt extends Dialog {

    private final ConnectionProfile profile;
    private Text password;
    private Button remember;
    private char[] value;
    private boolean keep;

    private PasswordPrompt(Shell shell, ConnectionProfile profile) {
        super(shell);
        this.profile = profile;
    }

    public static Optional<char[]> ask(Shell shell, ConnectionProfile profile) {
        PasswordPrompt p = new PasswordPrompt(shell, profile);
        if (p.open() != OK || p.value == null || p.value.length == 0) {
            return Optional.empty();
        }
        if (p.keep) {
            try {
                SecretStore.open(SecretStore.defaultFolder())
                        .put(SecretStore.accountKey(profile.adminAccount(), profile.sourceHost()), p.value);
            } catch (IOException e) {
                MessageDialog.openWarning(shell, "Password not stored", e.getMessage());
            }
        }
        return Optional.of(p.value);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Password for " + profile.adminAccount() + "@" + profile.domain());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        Label l = new Label(c, SWT.WRAP);
        l.setText("Password of " + profile.adminAccount() + " on " + profile.sourceHost() + ":");
        password = new Text(c, SWT.BORDER | SWT.PASSWORD);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(password);
        remember = new Button(c, SWT.CHECK);
        remember.setText("Keep it in secure storage (encrypted, outside the workspace)");
        remember.setSelection(true);
        return c;
    }

    @Override
    protected void okPressed() {
        value = password.getTextChars();
        keep = remember.getSelection();
        super.okPressed();
    }
}
