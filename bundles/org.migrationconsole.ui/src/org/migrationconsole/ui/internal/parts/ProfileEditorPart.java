package org.migrationconsole.ui.internal.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.MDirtyable;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.TargetVersion;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.SecretStore;
import org.migrationconsole.ui.step.StepParts;

/**
 * The connection profile of the workspace ({@code profile.properties}): where the source and
 * destination are and how to reach them. The password goes to secure storage, never to the file.
 * "Test connection" connects and binds once in the background.
 */
public class ProfileEditorPart {

    private static final String[][] FIELDS = {
            { "profile.name", "Profile name", "A label, e.g. the customer's name." },
            { "source.host", "Source server (DNS name)", "e.g. sbs2003.contoso.local" },
            { "source.address", "Source IPv4 address", "Optional; resolved from the name when empty." },
            { "source.domain", "AD domain (DNS)", "e.g. contoso.local" },
            { "source.netbios", "NetBIOS domain", "e.g. CONTOSO; derived from the domain when empty." },
            { "source.admin", "Administrator account", "sAMAccountName, e.g. Administrator" },
            { "destination.host", "Destination server (DNS name)", "Optional until step 2." },
            { "destination.address", "Destination IPv4 address", "Optional until step 2." },
            { "source.ldap.ca", "CA certificate file (PEM)",
                    "Optional. Without it, the certificate is pinned on first contact." } };

    @Inject
    private MigrationStateService state;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private CheckService checks;
    @Inject
    private UISynchronize sync;
    @Inject
    private MDirtyable dirty;

    private final Map<String, Text> texts = new LinkedHashMap<>();
    private Combo security;
    private Combo target;
    private Text password;
    private Label message;
    private boolean loading;

    @PostConstruct
    public void create(Composite outer) {
        outer.setLayout(new org.eclipse.swt.layout.FillLayout());
        org.eclipse.swt.custom.ScrolledComposite scroll = new org.eclipse.swt.custom.ScrolledComposite(outer,
                SWT.V_SCROLL | SWT.H_SCROLL);
        Composite parent = new Composite(scroll, SWT.NONE);
        scroll.setContent(parent);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(10, 10).spacing(8, 5).applyTo(parent);
        Label head = new Label(parent, SWT.WRAP);
        head.setText("Connection profile of this workspace. Saved to " + file() + "; the password is kept in"
                + " secure storage, never in that file.");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(500, SWT.DEFAULT).applyTo(head);
        loading = true;
        Properties current = load();
        for (String[] f : FIELDS) {
            label(parent, f[1]);
            Text t = new Text(parent, SWT.BORDER);
            t.setText(current.getProperty(f[0], ""));
            t.setMessage(f[2]);
            t.setToolTipText(f[0] + ": " + f[2]);
            t.setData(StepParts.WIDGET_ID, "profile:" + f[0]);
            t.addModifyListener(e -> changed());
            GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(t);
            texts.put(f[0], t);
        }
        label(parent, "LDAP protection");
        security = new Combo(parent, SWT.READ_ONLY);
        security.setItems("kerberos", "ldaps", "starttls", "plain");
        // as ProfileFile decides: with a CA certificate LDAPS, without one (a stock SBS 2003) Kerberos
        security.setText(current.getProperty("source.ldap.security", current.getProperty("source.ldap.ca") == null
                ? "kerberos" : "ldaps"));
        security.setData(StepParts.WIDGET_ID, "profile:source.ldap.security");
        security.setToolTipText("kerberos (signed and encrypted, needs no certificate), ldaps (port 636) or starttls"
                + " (389 upgraded) protect the password; plain sends it in clear text and is only for a lab you"
                + " trust");
        new Label(parent, SWT.NONE);
        Label plainWarning = new Label(parent, SWT.WRAP);
        plainWarning.setData(StepParts.WIDGET_ID, "profile:plain-warning");
        plainWarning.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_RED));
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(plainWarning);
        Runnable warn = () -> {
            plainWarning.setText("plain".equals(security.getText())
                    ? "Warning: plain LDAP sends the administrator's password and every directory value in clear"
                            + " text. Use kerberos unless this is a lab you trust; each run is journalled with this"
                            + " warning."
                    : "");
            parent.layout(true);
        };
        warn.run();
        security.addListener(SWT.Selection, e -> {
            warn.run();
            changed();
        });
        label(parent, "Target");
        target = new Combo(parent, SWT.READ_ONLY);
        for (TargetVersion v : TargetVersion.values()) {
            target.add(v.id() + " - " + v.label());
        }
        target.select(0);
        String t = current.getProperty("target.version", TargetVersion.ESSENTIALS_2012.id());
        for (int i = 0; i < TargetVersion.values().length; i++) {
            if (TargetVersion.values()[i].id().equals(t)) {
                target.select(i);
            }
        }
        target.addListener(SWT.Selection, e -> changed());
        label(parent, "Administrator password");
        password = new Text(parent, SWT.BORDER | SWT.PASSWORD);
        password.setMessage("Leave empty to keep the stored one");
        password.addModifyListener(e -> changed());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(password);

        new Label(parent, SWT.NONE);
        Composite buttons = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(buttons);
        Button save = new Button(buttons, SWT.PUSH);
        save.setText("Save");
        save.addListener(SWT.Selection, e -> save());
        Button test = new Button(buttons, SWT.PUSH);
        test.setText("Test connection");
        test.setData(StepParts.WIDGET_ID, "profile-test");
        test.addListener(SWT.Selection, e -> testConnection());
        message = new Label(parent, SWT.WRAP);
        message.setData(StepParts.WIDGET_ID, "profile-message");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(500, SWT.DEFAULT).applyTo(message);
        loading = false;
        scroll.setMinSize(parent.computeSize(600, SWT.DEFAULT));
    }

    private static void label(Composite parent, String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text + ":");
    }

    private void changed() {
        if (!loading) {
            dirty.setDirty(true);
        }
    }

    private Path file() {
        return state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.exists(file())) {
            try (var r = Files.newBufferedReader(file())) {
                p.load(r);
            } catch (IOException e) {
                // an unreadable file starts an empty form; saving writes a fresh one
            }
        }
        return p;
    }

    private Properties fromForm() {
        Properties p = new Properties();
        texts.forEach((k, t) -> {
            if (!t.getText().isBlank()) {
                p.setProperty(k, t.getText().strip());
            }
        });
        p.setProperty("source.ldap.security", security.getText());
        p.setProperty("target.version", TargetVersion.values()[Math.max(0, target.getSelectionIndex())].id());
        return p;
    }

    private Optional<ConnectionProfile> validated() {
        try {
            return Optional.of(ProfileFile.parse(fromForm(), "in this form", state.workspace().directory()));
        } catch (ConnectionException e) {
            show(e.getMessage(), true);
            return Optional.empty();
        }
    }

    private void show(String text, boolean error) {
        message.setText(text);
        message.setForeground(error ? message.getDisplay().getSystemColor(SWT.COLOR_RED) : null);
        message.getParent().layout(true);
    }

    @Persist
    public void save() {
        Optional<ConnectionProfile> profile = validated();
        if (profile.isEmpty()) {
            return;
        }
        try {
            ProfileFile.write(profile.get(), file());
            if (password.getCharCount() > 0) {
                char[] pw = password.getTextChars();
                SecretStore.open(SecretStore.defaultFolder())
                        .put(SecretStore.accountKey(profile.get().adminAccount(), profile.get().sourceHost()), pw);
                java.util.Arrays.fill(pw, '\0');
                password.setText("");
            }
            state.recordEvent("profile", "connection profile '" + profile.get().name() + "' saved (source "
                    + profile.get().sourceHost() + ", target " + profile.get().target().id() + ")");
            String path = org.migrationconsole.connect.InstallPaths.forTarget(profile.get().target());
            String pathNote = "";
            if (!path.equals(state.path())) {
                state.setPath(path, "target version " + profile.get().target().id() + " (profile '"
                        + profile.get().name() + "')");
                pathNote = " Install path is now " + org.migrationconsole.connect.InstallPaths.describe(path)
                        + " (mapping from the target version is unverified; see the README).";
            }
            dirty.setDirty(false);
            show("Saved." + pathNote, false);
        } catch (IOException | MigrationRuleException e) {
            show("Not saved: " + e.getMessage(), true);
        }
    }

    private void testConnection() {
        Optional<ConnectionProfile> profile = validated();
        if (profile.isEmpty() || checks == null) {
            return;
        }
        char[] pw;
        if (password.getCharCount() > 0) {
            pw = password.getTextChars();
        } else {
            try {
                pw = SecretStore.open(SecretStore.defaultFolder())
                        .get(SecretStore.accountKey(profile.get().adminAccount(), profile.get().sourceHost()))
                        .orElse(null);
            } catch (IOException e) {
                pw = null;
            }
        }
        if (pw == null) {
            show("Type the administrator password first (none is stored for this account).", true);
            return;
        }
        char[] secret = pw;
        show("Connecting to " + profile.get().sourceHost() + "...", false);
        Job.create("Test the connection to " + profile.get().sourceHost(), monitor -> {
            String text;
            boolean error;
            try {
                text = checks.testConnection(profile.get(), secret);
                error = false;
            } catch (ConnectionException e) {
                text = e.getMessage();
                error = true;
            } finally {
                java.util.Arrays.fill(secret, '\0');
            }
            String t = text;
            boolean err = error;
            sync.asyncExec(() -> {
                if (!message.isDisposed()) {
                    show(t, err);
                }
            });
            return Status.OK_STATUS;
        }).schedule();
    }

    @Focus
    public void focus() {
        Control first = texts.values().iterator().next();
        first.setFocus();
    }
}
