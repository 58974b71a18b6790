package org.migrationconsole.step.bpa.ui.internal;

import java.util.Optional;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** Asks for the administrator's password for one analyzer run (not kept). */
final class PasswordDialog extends Dialog {

    private final String account;
    private Text text;
    private char[] password;

    private PasswordDialog(Shell parent, String account) {
        super(parent);
        this.account = account;
    }

    static Optional<char[]> ask(Shell parent, String account) {
        PasswordDialog d = new PasswordDialog(parent, account);
        return d.open() == OK && d.password != null && d.password.length > 0 ? Optional.of(d.password)
                : Optional.empty();
    }

    @Override
    protected void configureShell(Shell s) {
        super.configureShell(s);
        s.setText("Password for the analyzer");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        new Label(c, SWT.WRAP).setText("Password of " + account + " (used for this run only; File > Connection"
                + " profile keeps it in secure storage):");
        text = new Text(c, SWT.BORDER | SWT.PASSWORD);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(text);
        return c;
    }

    @Override
    protected void okPressed() {
        password = text.getTextChars();
        super.okPressed();
    }
}
