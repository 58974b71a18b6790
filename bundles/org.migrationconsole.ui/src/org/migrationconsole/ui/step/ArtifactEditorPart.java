package org.migrationconsole.ui.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
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
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.migrationconsole.api.artifact.Artifact;
import org.migrationconsole.api.artifact.ArtifactException;
import org.migrationconsole.api.artifact.ArtifactReading;
import org.migrationconsole.api.artifact.ArtifactService;
import org.migrationconsole.api.field.Field;
import org.migrationconsole.api.field.FieldKind;
import org.migrationconsole.api.field.FieldProblem;
import org.migrationconsole.api.field.FieldValues;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.logging.LogFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one editor of every step's artifacts: a form built from the artifact's fields (grouped,
 * explained, unverified ones marked), every rule checked while the administrator types (the
 * message names the field and the rule), Open an existing file, Write into a folder (after the
 * plain-text warning for a file with a secret) and Wipe. The artifact is named by the part's
 * persisted state {@value #ARTIFACT_ID}. Files are read and written in Jobs through the shell's
 * {@link ArtifactService}; secrets go to secure storage, never the workspace.
 */
public class ArtifactEditorPart {

    /** Part descriptor of the editor (one part per artifact, created by {@link OpenArtifactHandler}). */
    public static final String DESCRIPTOR = "org.migrationconsole.ui.part.artifact";
    /** Persisted-state key: the artifact's id. */
    public static final String ARTIFACT_ID = "org.migrationconsole.artifactId";

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactEditorPart.class);

    @Inject
    private ArtifactService artifacts;
    @Inject
    private UISynchronize sync;

    private Artifact artifact;
    private final Map<Field, Control> controls = new LinkedHashMap<>();
    private final Map<Field, Label> messages = new LinkedHashMap<>();
    private FieldValues values = new FieldValues();
    private Optional<byte[]> base = Optional.empty();
    private Text folder;
    private Label status;
    private Composite body;
    private ScrolledComposite scroll;
    private boolean loading;

    @PostConstruct
    public void create(Composite parent, MPart part) {
        parent.setLayout(new FillLayout());
        String id = part.getPersistedState().get(ARTIFACT_ID);
        artifact = id == null ? null : artifacts.artifact(id).orElse(null);
        scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        body = new Composite(scroll, SWT.NONE);
        scroll.setContent(body);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        GridLayoutFactory.fillDefaults().numColumns(1).margins(10, 10).spacing(6, 6).applyTo(body);
        if (artifact == null) {
            new Label(body, SWT.WRAP).setText("The file '" + id + "' is no longer offered: the step plug-in that"
                    + " generated it is not installed.");
            return;
        }
        part.setLabel(artifact.title());
        part.setTooltip(artifact.description());

        Label head = new Label(body, SWT.WRAP);
        head.setText(artifact.description().isEmpty() ? artifact.title() : artifact.description());
        GridDataFactory.fillDefaults().grab(true, false).hint(640, SWT.DEFAULT).applyTo(head);

        Composite bar = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(6).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        new Label(bar, SWT.NONE).setText("Folder:");
        folder = new Text(bar, SWT.BORDER);
        folder.setData(StepParts.WIDGET_ID, "artifact:folder");
        folder.setMessage("where " + artifact.fileName() + " goes, e.g. the root of the USB drive");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(folder);
        button(bar, "Browse\u2026", "artifact:browse").addListener(SWT.Selection, e -> browse());
        button(bar, "Open " + artifact.fileName() + "\u2026", "artifact:open").addListener(SWT.Selection,
                e -> openFile());
        button(bar, "Write " + artifact.fileName(), "artifact:write").addListener(SWT.Selection, e -> write());
        Button wipe = button(bar, "Wipe\u2026", "artifact:wipe");
        wipe.addListener(SWT.Selection, e -> wipe());
        wipe.setEnabled(artifact.holdsSecret());
        status = new Label(body, SWT.WRAP);
        status.setData(StepParts.WIDGET_ID, "artifact:status");
        GridDataFactory.fillDefaults().grab(true, false).hint(640, SWT.DEFAULT).applyTo(status);

        Map<String, Group> groups = new LinkedHashMap<>();
        for (Field f : artifact.fields()) {
            String groupName = f.group().isEmpty() ? artifact.title() : f.group();
            Group g = groups.computeIfAbsent(groupName, n -> {
                Group x = new Group(body, SWT.NONE);
                x.setText(n);
                GridLayoutFactory.swtDefaults().numColumns(2).spacing(8, 2).applyTo(x);
                GridDataFactory.fillDefaults().grab(true, false).applyTo(x);
                return x;
            });
            Label name = new Label(g, SWT.NONE);
            name.setText(f.label() + (f.unverified() ? " (unverified)" : "") + (f.required() ? " *" : ""));
            Control c = control(g, f);
            c.setData(StepParts.WIDGET_ID, "artifact:" + f.id());
            GridDataFactory.fillDefaults().grab(true, false).hint(300, f.kind() == FieldKind.LINES ? 60 : SWT.DEFAULT)
                    .applyTo(c);
            if (!f.help().isEmpty()) {
                new Label(g, SWT.NONE);
                Label explain = new Label(g, SWT.WRAP);
                explain.setText(f.help());
                GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).applyTo(explain);
            }
            new Label(g, SWT.NONE);
            Label msg = new Label(g, SWT.WRAP);
            msg.setData(StepParts.WIDGET_ID, "artifact:" + f.id() + ":problem");
            msg.setForeground(msg.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).applyTo(msg);
            controls.put(f, c);
            messages.put(f, msg);
        }
        try {
            values = artifacts.prefill(artifact);
        } catch (ArtifactException e) {
            status.setText("The values the workspace knows cannot be read: " + e.getMessage());
        }
        toForm();
        check();
    }

    private Control control(Composite g, Field f) {
        switch (f.kind()) {
            case CHOICE, BOOLEAN -> {
                Combo c = new Combo(g, SWT.READ_ONLY);
                List<String> items = new ArrayList<>();
                if (!f.required() || f.kind() == FieldKind.BOOLEAN) {
                    items.add("");
                }
                items.addAll(f.kind() == FieldKind.BOOLEAN ? List.of("true", "false") : f.choices());
                c.setItems(items.toArray(String[]::new));
                c.addListener(SWT.Selection, e -> edited());
                return c;
            }
            default -> {
                int style = SWT.BORDER | (f.secret() ? SWT.PASSWORD : SWT.NONE)
                        | (f.kind() == FieldKind.LINES ? SWT.MULTI | SWT.V_SCROLL | SWT.WRAP : SWT.SINGLE);
                Text t = new Text(g, style);
                t.addListener(SWT.Modify, e -> edited());
                return t;
            }
        }
    }

    private Button button(Composite bar, String label, String id) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(label);
        b.setData(StepParts.WIDGET_ID, id);
        return b;
    }

    private void edited() {
        if (!loading) {
            fromForm();
            check();
        }
    }

    private void toForm() {
        loading = true;
        try {
            controls.forEach((f, c) -> {
                String v = values.get(f.id());
                if (c instanceof Text t) {
                    t.setText(v);
                } else if (c instanceof Combo combo) {
                    int i = combo.indexOf(v);
                    if (i >= 0) {
                        combo.select(i);
                    } else {
                        combo.deselectAll();
                    }
                }
            });
        } finally {
            loading = false;
        }
    }

    private void fromForm() {
        controls.forEach((f, c) -> {
            String v = c instanceof Text t ? (f.secret() ? t.getText() : t.getText().strip())
                    : c instanceof Combo combo ? combo.getText() : "";
            values.put(f.id(), v);
        });
    }

    /** Checks every rule and shows each field's first broken rule next to it, with the rule's id. */
    private List<FieldProblem> check() {
        List<FieldProblem> problems = artifact.validate(values);
        messages.forEach((f, l) -> l.setText(problems.stream().filter(p -> p.fieldId().equals(f.id()))
                .map(p -> p.message() + (p.message().contains("[" + p.ruleId() + "]") ? "" : " [" + p.ruleId() + "]"))
                .findFirst().orElse("")));
        status.setText(problems.isEmpty() ? "All rules pass." : problems.size() + " rule violation(s): "
                + String.join("; ", problems.stream().map(p -> label(p.fieldId()) + " [" + p.ruleId() + "]").toList()));
        body.layout(true, true);
        scroll.setMinSize(body.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        return problems;
    }

    private String label(String fieldId) {
        return artifact.fields().stream().filter(f -> f.id().equals(fieldId)).map(Field::label).findFirst()
                .orElse(fieldId);
    }

    private void browse() {
        DirectoryDialog d = new DirectoryDialog(body.getShell());
        d.setMessage("The folder to write " + artifact.fileName() + " to");
        String dir = d.open();
        if (dir != null) {
            folder.setText(dir);
        }
    }

    private Path chosenFolder() {
        if (folder.getText().isBlank()) {
            browse();
        }
        return folder.getText().isBlank() ? null : Path.of(folder.getText().strip());
    }

    private void openFile() {
        FileDialog d = new FileDialog(body.getShell(), SWT.OPEN);
        d.setFilterNames(new String[] { artifact.fileName() });
        d.setFilterExtensions(new String[] { "*" + extension(artifact.fileName()) });
        String chosen = d.open();
        if (chosen != null) {
            open(Path.of(chosen));
        }
    }

    /** Reads an existing file into the form (in a Job); what the form does not know is kept for Write. */
    public void open(Path file) {
        status.setText("Reading " + file + "\u2026");
        Job.create("Reading " + file, monitor -> {
            try {
                byte[] bytes = Files.readAllBytes(file);
                ArtifactReading r = artifact.read(bytes);
                sync.asyncExec(() -> {
                    if (body.isDisposed()) {
                        return;
                    }
                    values = r.values();
                    base = Optional.of(bytes);
                    folder.setText(file.getParent() == null ? "" : file.getParent().toString());
                    toForm();
                    check();
                    status.setText("Opened " + file + " (" + r.encoding() + ")." + (r.notes().isEmpty() ? ""
                            : " " + String.join(" ", r.notes())) + " " + status.getText());
                });
            } catch (IOException | ArtifactException e) {
                failed("Open " + artifact.fileName(), file + ": " + e.getMessage(), e);
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    private void write() {
        fromForm();
        List<FieldProblem> problems = check();
        if (!problems.isEmpty()) {
            MessageDialog.openError(body.getShell(), artifact.title(), "Fix these first:\n" + String.join("\n",
                    problems.stream().map(p -> p.fieldId() + " [" + p.ruleId() + "]: " + p.message()).toList()));
            return;
        }
        Path dir = chosenFolder();
        if (dir == null) {
            return;
        }
        if (artifact.holdsSecret() && !MessageDialog.openConfirm(body.getShell(), "Plain-text secret",
                artifact.secretWarning() + "\n\nWrite " + dir.resolve(artifact.fileName()) + "?")) {
            return;
        }
        FieldValues snapshot = values.copy();
        Optional<byte[]> from = base;
        status.setText("Writing " + dir.resolve(artifact.fileName()) + "\u2026");
        Job.create("Writing " + artifact.title(), monitor -> {
            try {
                ArtifactService.Written w = artifacts.write(artifact, snapshot, dir, from);
                artifacts.rememberSecret(artifact, snapshot);
                sync.asyncExec(() -> {
                    if (!body.isDisposed()) {
                        status.setText("Wrote " + String.join(", ", w.files().stream().map(Path::toString).toList())
                                + "." + (w.secret() ? " It holds a secret in plain text: wipe it once it has been"
                                        + " used." : ""));
                    }
                });
            } catch (ArtifactException e) {
                failed(artifact.title(), e.getMessage() + (e.problems().isEmpty() ? "" : ":\n" + String.join("\n",
                        e.problems().stream().map(FieldProblem::toString).toList())), null);
            } catch (IOException | MigrationRuleException e) {
                failed(artifact.title(), e.getMessage(), e);
            } finally {
                snapshot.clearSecrets(artifact.fields());
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    private void wipe() {
        Path dir = chosenFolder();
        if (dir == null) {
            return;
        }
        Path target = Files.isDirectory(dir) ? dir.resolve(artifact.fileName()) : dir;
        if (!Files.isRegularFile(target)) {
            MessageDialog.openError(body.getShell(), "Wipe " + artifact.fileName(), "There is no " + artifact.fileName()
                    + " in " + dir);
            return;
        }
        if (!MessageDialog.openConfirm(body.getShell(), "Wipe " + artifact.fileName(), "Overwrite " + target
                + " with random bytes and delete it?")) {
            return;
        }
        Job.create("Wiping " + target, monitor -> {
            try {
                ArtifactService.Wiped w = artifacts.wipe(artifact, target);
                sync.asyncExec(() -> {
                    if (!body.isDisposed()) {
                        status.setText("Overwrote and deleted " + w.file() + " (" + w.bytes() + " bytes). Flash drives"
                                + " and SSDs may keep old copies of blocks; for certainty also format the drive.");
                    }
                });
            } catch (IOException | MigrationRuleException e) {
                failed("Wipe " + artifact.fileName(), e.getMessage(), e);
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    private void failed(String title, String message, Exception e) {
        if (e != null) {
            LOG.warn("{}: {}", title, message, e);
        }
        sync.asyncExec(() -> {
            if (!body.isDisposed()) {
                status.setText(title + " failed: " + message + (e == null ? "" : " (details in the log: "
                        + LogFile.path() + ")"));
                MessageDialog.openError(body.getShell(), title, message);
            }
        });
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    /** The artifact this editor shows (null when its plug-in is gone). */
    public Artifact artifact() {
        return artifact;
    }

    @Focus
    public void focus() {
        body.setFocus();
    }

    @PreDestroy
    public void dispose() {
        if (artifact != null) {
            values.clearSecrets(artifact.fields());
        }
    }

}
