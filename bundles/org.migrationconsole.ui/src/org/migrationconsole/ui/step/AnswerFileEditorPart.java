package org.migrationconsole.ui.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.SecretStore;
import org.migrationconsole.step.install.internal.answerfile.AnswerFile;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileCodec;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileCodec.Encoding;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileException;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileValidator;
import org.migrationconsole.step.install.internal.answerfile.KeyCatalog;
import org.migrationconsole.step.install.internal.answerfile.KeySpec;
import org.migrationconsole.step.install.internal.answerfile.Violation;

/**
 * Form editor of the migration answer file (cfg.ini): the keys of the key set grouped and
 * explained, guessed keys marked "(unverified)", every rule checked while the administrator
 * types (the message names the key and the rule), Open, Export to a chosen folder with the
 * plain-text password warning, and Wipe. Keys the form does not know, and comments, stay in the
 * file as they were. The password is taken from and kept in secure storage, never the workspace.
 */
public class AnswerFileEditorPart {

    /** Tag of a step's answer-file part descriptor. */
    public static final String TAG = "migrationconsole.step.answerfile";

    @Inject
    private MigrationStateService state;

    private final KeyCatalog catalog = KeyCatalog.load();
    private final Map<KeySpec, Text> fields = new LinkedHashMap<>();
    private final Map<KeySpec, Label> messages = new LinkedHashMap<>();
    private AnswerFile file = new AnswerFile();
    private Combo encoding;
    private Label status;
    private Composite body;
    private ScrolledComposite scroll;
    private boolean loading;

    @PostConstruct
    public void create(Composite parent, MPart part) {
        parent.setLayout(new FillLayout());
        scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        body = new Composite(scroll, SWT.NONE);
        scroll.setContent(body);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        GridLayoutFactory.fillDefaults().numColumns(1).margins(10, 10).spacing(6, 6).applyTo(body);

        Label head = new Label(body, SWT.WRAP);
        head.setText("Answer file (cfg.ini) for the migration-mode install. Setup reads it from the root of a USB"
                + " drive or of a disk in the new server. It holds the administrator password in plain text: wipe"
                + " it once Setup has finished. Keys marked (unverified) are not in any published document.");
        GridDataFactory.fillDefaults().grab(true, false).hint(600, SWT.DEFAULT).applyTo(head);

        Composite bar = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(6).applyTo(bar);
        Button open = button(bar, "Open cfg.ini\u2026", "answerfile:open");
        open.addListener(SWT.Selection, e -> openFile());
        new Label(bar, SWT.NONE).setText("  Encoding:");
        encoding = new Combo(bar, SWT.READ_ONLY);
        encoding.setItems("Unicode (UTF-16LE)", "ANSI (windows-1252)");
        encoding.select(0);
        encoding.setData(StepParts.WIDGET_ID, "answerfile:encoding");
        Button export = button(bar, "Save / Export\u2026", "answerfile:export");
        export.addListener(SWT.Selection, e -> export());
        Button wipe = button(bar, "Wipe answer file\u2026", "answerfile:wipe");
        wipe.addListener(SWT.Selection, e -> wipe());
        status = new Label(body, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);

        for (String groupName : catalog.groups()) {
            Group g = new Group(body, SWT.NONE);
            g.setText(groupName);
            GridLayoutFactory.swtDefaults().numColumns(2).spacing(8, 2).applyTo(g);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(g);
            for (KeySpec k : catalog.keys()) {
                if (!k.group().equals(groupName)) {
                    continue;
                }
                Label name = new Label(g, SWT.NONE);
                name.setText(k.key() + (k.unverified() ? " (unverified)" : "") + (k.required() ? " *" : ""));
                Text t = new Text(g, SWT.BORDER | (k.secret() ? SWT.PASSWORD : SWT.NONE));
                t.setData(StepParts.WIDGET_ID, "answerfile:" + k.section() + "/" + k.key());
                GridDataFactory.fillDefaults().grab(true, false).hint(280, SWT.DEFAULT).applyTo(t);
                new Label(g, SWT.NONE);
                Label explain = new Label(g, SWT.WRAP);
                explain.setText("[" + k.section() + "] " + k.explanation());
                GridDataFactory.fillDefaults().grab(true, false).hint(500, SWT.DEFAULT).applyTo(explain);
                new Label(g, SWT.NONE);
                Label msg = new Label(g, SWT.WRAP);
                msg.setForeground(msg.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
                GridDataFactory.fillDefaults().grab(true, false).applyTo(msg);
                fields.put(k, t);
                messages.put(k, msg);
                t.addListener(SWT.Modify, e -> {
                    if (!loading) {
                        fromForm();
                        check();
                    }
                });
            }
        }
        prefill();
        toForm();
        check();
    }

    private Button button(Composite bar, String label, String id) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(label);
        b.setData(StepParts.WIDGET_ID, id);
        return b;
    }

    /** Values the workspace already knows: the profile and step 2's inputs; the password from secure storage. */
    private void prefill() {
        String I = AnswerFileValidator.INITIAL;
        file = AnswerFile.parse("; cfg.ini for the Windows Server Essentials migration-mode install, written by"
                + " Migration Console.\n");
        file.set(I, "AcceptEula", "");
        Map<String, String> inputs = state.steps().stream().filter(s -> s.id().equals("install")).findFirst()
                .map(s -> s.inputs()).orElse(Map.of());
        ConnectionProfile p = null;
        Path profile = state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
        if (Files.exists(profile)) {
            try {
                p = ProfileFile.read(profile);
            } catch (ConnectionException e) {
                status.setText("The workspace's profile cannot be read: " + e.getMessage());
            }
        }
        String server = inputs.getOrDefault("destination-name", "");
        if (server.isEmpty() && p != null && p.destinationHost() != null) {
            server = p.destinationHost().split("\\.")[0];
        }
        file.set(I, "ServerName", server);
        if (p != null) {
            file.set(I, "NetbiosName", p.netbiosDomain());
            file.set(I, "DNSName", p.domain());
            file.set(I, "UserName", p.adminAccount());
            // the migration-only keys are unverified and opt-in: left empty unless the admin fills them in
        }
        String address = inputs.getOrDefault("destination-address", p == null || p.destinationAddress() == null ? ""
                : p.destinationAddress());
        if (!address.isEmpty()) {
            file.set(AnswerFileValidator.POST, "StaticIPv4Address", address);
        }
        if (!server.isEmpty()) {
            try {
                Optional<char[]> pw = SecretStore.open(SecretStore.defaultFolder()).get(secretKey(server));
                pw.ifPresent(c -> file.set(I, "PlainTextPassword", new String(c)));
            } catch (IOException e) {
                status.setText("Secure storage cannot be read: " + e.getMessage());
            }
        }
    }

    static String secretKey(String server) {
        return SecretStore.accountKey("answer-file", server);
    }

    private void toForm() {
        loading = true;
        try {
            fields.forEach((k, t) -> t.setText(file.value(k.section(), k.key())));
        } finally {
            loading = false;
        }
    }

    private void fromForm() {
        fields.forEach((k, t) -> {
            String v = t.getText().strip();
            if (v.isEmpty()) {
                file.remove(k.section(), k.key());
            } else if (!v.equals(file.value(k.section(), k.key()))) {
                file.set(k.section(), k.key(), v);
            }
        });
    }

    /** Checks every rule and shows each key's first broken rule next to it. */
    private List<Violation> check() {
        List<Violation> v = new AnswerFileValidator(catalog).validate(file);
        messages.forEach((k, l) -> l.setText(v.stream().filter(x -> x.section().equals(k.section())
                && x.key().equals(k.key())).map(Violation::message).findFirst().orElse("")));
        status.setText(v.isEmpty() ? "All rules pass." : v.size() + " rule violation(s): "
                + String.join("; ", v.stream().map(x -> x.key() + " [" + x.rule().id() + "]").toList()));
        body.layout(true, true);
        scroll.setMinSize(body.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        return v;
    }

    private void openFile() {
        FileDialog d = new FileDialog(body.getShell(), SWT.OPEN);
        d.setFilterNames(new String[] {"cfg.ini"});
        d.setFilterExtensions(new String[] {"*.ini"});
        String chosen = d.open();
        if (chosen == null) {
            return;
        }
        try {
            AnswerFileCodec.Decoded decoded = AnswerFileCodec.read(Path.of(chosen));
            file = decoded.file();
            encoding.select(decoded.encoding() == Encoding.UNICODE ? 0 : 1);
            toForm();
            check();
        } catch (AnswerFileException e) {
            MessageDialog.openError(body.getShell(), "Answer file", chosen + ": " + e.getMessage());
        }
    }

    private void export() {
        fromForm();
        List<Violation> v = check();
        if (!v.isEmpty()) {
            MessageDialog.openError(body.getShell(), "Answer file", "Fix these first:\n"
                    + String.join("\n", v.stream().map(Violation::message).toList()));
            return;
        }
        DirectoryDialog d = new DirectoryDialog(body.getShell());
        d.setMessage("The folder to write cfg.ini to (the root of the USB drive)");
        String dir = d.open();
        if (dir == null) {
            return;
        }
        if (!MessageDialog.openConfirm(body.getShell(), "Plain-text password",
                "cfg.ini will hold the administrator password in PLAIN TEXT. Anyone with the drive can read it."
                        + " Keep the drive locked away and wipe the file once Setup has finished.\n\nWrite "
                        + Path.of(dir).resolve(AnswerFileCodec.FILE_NAME) + "?")) {
            return;
        }
        Encoding enc = encoding.getSelectionIndex() == 1 ? Encoding.ANSI : Encoding.UNICODE;
        try {
            Path written = AnswerFileCodec.write(file, enc, Path.of(dir));
            String server = file.value(AnswerFileValidator.INITIAL, "ServerName");
            String password = file.value(AnswerFileValidator.INITIAL, "PlainTextPassword");
            SecretStore.open(SecretStore.defaultFolder()).put(secretKey(server), password.toCharArray());
            state.recordEvent("answer-file", "cfg.ini written to " + written + " (" + enc.id() + ", server " + server
                    + "); it holds a plain-text password until it is wiped");
            status.setText("Wrote " + written + ". It holds the password in plain text: wipe it after Setup.");
        } catch (AnswerFileException | IOException | MigrationRuleException e) {
            MessageDialog.openError(body.getShell(), "Answer file", e.getMessage());
        }
    }

    private void wipe() {
        DirectoryDialog d = new DirectoryDialog(body.getShell());
        d.setMessage("The folder that holds the cfg.ini to wipe");
        String dir = d.open();
        if (dir == null) {
            return;
        }
        Path target = Path.of(dir).resolve(AnswerFileCodec.FILE_NAME);
        if (!Files.isRegularFile(target)) {
            MessageDialog.openError(body.getShell(), "Wipe answer file", "There is no cfg.ini in " + dir);
            return;
        }
        if (!MessageDialog.openConfirm(body.getShell(), "Wipe answer file", "Overwrite " + target
                + " with random bytes and delete it?")) {
            return;
        }
        try {
            long size = Files.size(target);
            AnswerFileCodec.wipe(target);
            state.recordEvent("answer-file", "cfg.ini at " + target + " overwritten (" + size + " bytes) and deleted");
            status.setText("Overwrote and deleted " + target + ".");
        } catch (IOException | MigrationRuleException e) {
            MessageDialog.openError(body.getShell(), "Wipe answer file", e.getMessage());
        }
    }

    @Focus
    public void focus() {
        body.setFocus();
    }
}
